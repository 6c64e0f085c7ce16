using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SecEvent.Delivery.Sqlite;

/// <summary>JSON arrays passed as one parameter and read in SQL with <c>json_each</c>: a whole batch in one statement.</summary>
internal static class SqliteJson
{
    /// <summary>An array of ids.</summary>
    public static string Ids(IEnumerable<long> ids)
    {
        var json = new StringBuilder("[");
        foreach (var id in ids)
        {
            json.Append(json.Length == 1 ? "" : ",").Append(id.ToString(CultureInfo.InvariantCulture));
        }

        return json.Append(']').ToString();
    }

    /// <summary>An array of <c>[id, token]</c> pairs, for a row-value <c>IN</c>.</summary>
    public static string Pairs(IEnumerable<(long Id, long Token)> pairs)
    {
        var json = new StringBuilder("[");
        foreach (var (id, token) in pairs)
        {
            json.Append(json.Length == 1 ? "[" : ",[").Append(id.ToString(CultureInfo.InvariantCulture))
                .Append(',').Append(token.ToString(CultureInfo.InvariantCulture)).Append(']');
        }

        return json.Append(']').ToString();
    }

    /// <summary>An array of strings, escaped; <c>[]</c> for none.</summary>
    public static string Strings(IEnumerable<string>? values)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var value in values ?? [])
            {
                json.WriteStringValue(value);
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
