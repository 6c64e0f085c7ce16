using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecEvent.Tokens.Subjects;

/// <summary>
/// A subject identified by one or more IP addresses:
/// <c>{"format": "ip-addresses", "ip-addresses": ["10.29.37.75", "2001:0db8:0000:0000:0000:8a2e:0370:7334"]}</c>.
/// </summary>
/// <remarks>
/// <para>
/// OpenID Shared Signals Framework 1.0 §3.5.3: the member, named <c>ip-addresses</c> like the format (with a hyphen),
/// is REQUIRED and is an array of textual IPv4 or IPv6 addresses as RFC 4001 writes them.
/// </para>
/// <para>
/// The array must hold at least one address. An IPv4 address must be four decimal octets without leading zeros (so
/// <c>"1"</c>, <c>"10.1"</c>, <c>"0x7f.1"</c> and the octal-looking <c>"010.0.0.1"</c> are refused); an IPv6 address may
/// contain only hex digits, colons and dots (no zone index, brackets or port). The texts are kept, in order, and compared
/// exactly as given: <c>"2001:db8::1"</c> and <c>"2001:0db8:0:0:0:0:0:1"</c> are different identifiers.
/// </para>
/// </remarks>
[JsonConverter(typeof(SubjectIdentifierJsonConverter))]
public sealed record IPAddressesSubjectIdentifier : SubjectIdentifier
{
    private const string Expected = "an IPv4 or IPv6 address (RFC 4001)";

    // Compared item by item, which gives this record value equality without hand-written Equals.
    private readonly ValueList<string> items = new([]);

    /// <summary>Creates an identifier; set <see cref="Addresses"/> in the object initializer.</summary>
    public IPAddressesSubjectIdentifier()
    {
    }

    // The reader has checked every address and owns the array, so it is neither copied nor checked again.
#pragma warning disable CS8618 // The fields behind the required property are set here; the compiler cannot see through its accessors.
    [SetsRequiredMembers]
    private IPAddressesSubjectIdentifier(string[] checkedAddresses)
    {
        items = new(checkedAddresses);
    }
#pragma warning restore CS8618

    /// <inheritdoc/>
    /// <value>Always <see cref="SubjectIdentifierFormats.IPAddresses"/>.</value>
    public override string Format => SubjectIdentifierFormats.IPAddresses;

    /// <summary>Gets the addresses, the <c>ip-addresses</c> member, in their original order.</summary>
    /// <remarks>SSF 1.0 §3.5.3. The list given is copied, so later changes to it do not affect the identifier.</remarks>
    /// <exception cref="ArgumentException">The list is empty or holds something other than an IPv4 or IPv6 address.</exception>
    public required IReadOnlyList<string> Addresses
    {
        get => items.View;
        init => items = new(Copy(value));
    }

    internal static bool TryRead(JsonElement element, [NotNullWhen(true)] out SubjectIdentifier? subject, [NotNullWhen(false)] out string? error)
    {
        const string format = SubjectIdentifierFormats.IPAddresses;
        const string member = SubjectMemberNames.IPAddresses;
        subject = null;
        if (!SubjectIdentifierReader.TryReadArray(element, format, member, out var array, out var length, out error))
        {
            return false;
        }

        var addresses = new string[length];
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var text = item.ValueKind == JsonValueKind.String ? item.GetString()! : "";
            if (text.Length == 0)
            {
                error = SubjectIdentifierErrors.ItemNotString(format, member, index);
                return false;
            }

            if (!SubjectIdentifierSyntax.IsIPAddress(text))
            {
                error = SubjectIdentifierErrors.MalformedItem(format, member, index, Expected);
                return false;
            }

            addresses[index++] = text;
        }

        subject = new IPAddressesSubjectIdentifier(addresses);
        return true;
    }

    private protected override void WriteMembers(Utf8JsonWriter writer)
    {
        writer.WriteStartArray(SubjectMemberNames.IPAddressesName);
        foreach (var address in items.Span)
        {
            writer.WriteStringValue(address);
        }

        writer.WriteEndArray();
    }

    private static string[] Copy(IReadOnlyList<string> addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses, nameof(Addresses));
        if (addresses.Count == 0)
        {
            throw SubjectIdentifierGuard.Invalid(SubjectIdentifierFormats.IPAddresses, nameof(Addresses), "a list of one or more addresses");
        }

        var copy = new string[addresses.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            var address = addresses[i];
            copy[i] = SubjectIdentifierGuard.Require(
                address, SubjectIdentifierSyntax.IsIPAddress(address), SubjectIdentifierFormats.IPAddresses, nameof(Addresses), "a list of IPv4 or IPv6 addresses");
        }

        return copy;
    }
}
