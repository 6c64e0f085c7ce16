using System.Text.Json;
using Microsoft.Data.Sqlite;
using SecEvent.Delivery.Ssf;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Delivery.Sqlite;

/// <summary>A stream's subjects, one row per distinct subject.</summary>
public sealed partial class SqliteSsfStreamStore
{
    /// <inheritdoc />
    public ValueTask<bool> AddSubjectAsync(string streamId, SsfStreamSubject subject, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(subject.Subject, nameof(subject));
        var key = SubjectKey.Of(subject.Subject);
        var json = JsonSerializer.Serialize(subject.Subject);
        return _connection.RunAsync(
            (_, statements) => statements.Get(SsfStreamSql.AddSubject)
                .Bind("$stream_id", streamId)
                .Bind("$subject_key", key)
                .Bind("$subject", json)
                .Bind("$verified", subject.Verified)
                .Bind("$excluded", subject.Excluded)
                .Bind("$added_at", subject.AddedAt.ToUnixTimeMilliseconds())
                .ExecuteNonQuery() == 1,
            cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<bool> RemoveSubjectAsync(string streamId, SubjectIdentifier subject, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        ArgumentNullException.ThrowIfNull(subject);
        var key = SubjectKey.Of(subject);
        return _connection.RunAsync(
            (_, statements) => statements.Get(SsfStreamSql.RemoveSubject).Bind("$stream_id", streamId).Bind("$subject_key", key).ExecuteNonQuery() == 1,
            cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="InvalidDataException">A stored subject cannot be read back.</exception>
    public ValueTask<IReadOnlyList<SsfStreamSubject>> ListSubjectsAsync(string streamId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        return _connection.RunAsync<IReadOnlyList<SsfStreamSubject>>((_, statements) =>
        {
            var subjects = new List<SsfStreamSubject>();
            using var reader = statements.Get(SsfStreamSql.ListSubjects).Bind("$stream_id", streamId).ExecuteReader();
            while (reader.Read())
            {
                subjects.Add(new SsfStreamSubject(ReadSubject(reader.GetString(0)), reader.GetBoolean(1), reader.GetTime(2)) { Excluded = reader.GetBoolean(3) });
            }

            return subjects;
        }, cancellationToken);
    }

    private static SubjectIdentifier ReadSubject(string json)
    {
        string? error;
        try
        {
            using var document = JsonDocument.Parse(json);
            if (SubjectIdentifier.TryParse(document.RootElement, out var subject, out error))
            {
                return subject;
            }
        }
        catch (JsonException e)
        {
            throw new InvalidDataException("A stored subject is not JSON.", e);
        }

        throw new InvalidDataException($"A stored subject cannot be read: {error}");
    }
}
