using System.Text.Json;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Sqlite;
using SecEvent.Delivery.Ssf;
using SecEvent.Tokens.Events;
using SecEvent.Tokens.Subjects;
using static SecEvent.Delivery.Tests.Ssf.SsfStreamStoreKit;

namespace SecEvent.Delivery.Tests.Sqlite;

public class SqliteSsfStreamStoreTests : SqliteFileTests
{
    [Test]
    public async Task SSF_24_OpenAsync_Reopened_StreamsSubjectsAndHeldSetsSurvive()
    {
        var complex = Complex(("user", Email("a@example.com")), ("tenant", Tenant));
        long lastSequence;
        await using (var first = await SqliteSsfStreamStore.OpenAsync(FilePath))
        {
            await first.CreateAsync(Stream("s1", status: SsfStreamStatuses.Paused), onlyStreamOfReceiver: true);
            await first.CreateAsync(Stream("s2", ReceiverB), onlyStreamOfReceiver: true);
            await first.AddSubjectAsync("s1", new SsfStreamSubject(complex, false, Start.AddMinutes(1)));
            await first.AddSubjectAsync("s1", Subject("b@example.com"));
            await first.HoldAsync("s1", [Held("j1"), Held("j2", orderingKey: null)]);
            lastSequence = (await first.ListHeldAsync("s1", 10))[^1].Sequence;
        }

        await using var second = await SqliteSsfStreamStore.OpenAsync(FilePath);

        ShouldBeAsStored(await second.GetAsync("s1"), Stream("s1", status: SsfStreamStatuses.Paused));
        (await second.ListAsync(null)).Select(s => s.StreamId).Should().Equal("s1", "s2");
        (await second.ListSubjectsAsync("s1")).Should().Equal(new SsfStreamSubject(complex, false, Start.AddMinutes(1)), Subject("b@example.com"));
        (await second.CreateAsync(Stream("s3"), onlyStreamOfReceiver: true)).Should().BeFalse("the receiver's stream survived");
        await second.HoldAsync("s1", [Held("j3")]);
        var held = await second.ListHeldAsync("s1", 10);
        held.Select(h => h.Jti).Should().Equal("j1", "j2", "j3");
        held[1].OrderingKey.Should().BeNull();
        held[2].Sequence.Should().BeGreaterThan(lastSequence, "sequences keep increasing across a reopen");
    }

    [Test]
    public async Task SSF_24_CreateAsync_TwoStoresOnOneFileRacingForOneReceiver_ExactlyOneWinsEachTime()
    {
        await using var first = await SqliteSsfStreamStore.OpenAsync(FilePath);
        await using var second = await SqliteSsfStreamStore.OpenAsync(FilePath);

        for (var round = 0; round < 20; round++)
        {
            var receiver = $"receiver-{round}";
            var creates = new[] { first, second, first, second }
                .Select((store, i) => Task.Run(async () => await store.CreateAsync(Stream($"r{round}-s{i}", receiver), onlyStreamOfReceiver: true)));

            var won = await Task.WhenAll(creates);

            won.Count(w => w).Should().Be(1, $"round {round}");
            (await second.ListAsync(receiver)).Should().ContainSingle();
        }
    }

    [Test]
    public async Task SSF_32_33_AddSubjectAsync_ComplexSubjectWithMembersInAnotherOrder_OneRow()
    {
        await using var store = await SqliteSsfStreamStore.OpenAsync(FilePath);
        await store.CreateAsync(Stream("s1"), onlyStreamOfReceiver: false);
        var aliases = new AliasesSubjectIdentifier { Identifiers = [Email("a@example.com"), Email("b@example.com")] };

        await store.AddSubjectAsync("s1", new SsfStreamSubject(Complex(("user", Email("a@example.com")), ("tenant", Tenant), ("device", aliases)), true, Start));
        await store.AddSubjectAsync("s1", new SsfStreamSubject(Complex(("device", aliases), ("user", Email("a@example.com")), ("tenant", Tenant)), false, Start));

        using var raw = RawSqlite.Open(FilePath);
        RawSqlite.Scalar(raw, "SELECT count(*) FROM ssf_subjects").Should().Be(1L);
        (await store.ListSubjectsAsync("s1")).Should().ContainSingle().Which.Verified.Should().BeFalse();
    }

    [Test]
    public async Task SSF_32_AddSubjectAsync_AliasesInAnotherOrder_TwoRowsAsEqualitySays()
    {
        await using var store = await SqliteSsfStreamStore.OpenAsync(FilePath);
        await store.CreateAsync(Stream("s1"), onlyStreamOfReceiver: false);
        var ab = new AliasesSubjectIdentifier { Identifiers = [Email("a@example.com"), Email("b@example.com")] };
        var ba = new AliasesSubjectIdentifier { Identifiers = [Email("b@example.com"), Email("a@example.com")] };
        ab.Should().NotBe(ba);

        await store.AddSubjectAsync("s1", new SsfStreamSubject(ab, true, Start));
        await store.AddSubjectAsync("s1", new SsfStreamSubject(ba, true, Start));

        (await store.ListSubjectsAsync("s1")).Select(s => s.Subject).Should().Equal(ab, ba);
    }

    [Test]
    public async Task SSF_32_33_AddSubjectAsync_UnknownFormatEqualByValue_OneRowElseTwo()
    {
        await using var store = await SqliteSsfStreamStore.OpenAsync(FilePath);
        await store.CreateAsync(Stream("s1"), onlyStreamOfReceiver: false);
        var first = Unknown("""{"n":1.50e1,"s":"\u0041","o":{"y":[1,2],"x":true}}""");
        var same = Unknown("""{"o":{"x":true,"y":[1.0,2]},"s":"A","n":15}""");
        var other = Unknown("""{"o":{"x":true,"y":[2,1]},"s":"A","n":15}""");
        var text = Unknown("""{"o":{"x":true,"y":[1,2]},"s":"A","n":"15e0"}""");
        first.Should().Be(same);
        first.Should().NotBe(other).And.NotBe(text);

        foreach (var subject in new[] { first, same, other, text })
        {
            await store.AddSubjectAsync("s1", new SsfStreamSubject(subject, true, Start));
        }

        (await store.ListSubjectsAsync("s1")).Select(s => s.Subject).Should().Equal(same, other, text);
        (await store.RemoveSubjectAsync("s1", first)).Should().BeTrue();
    }

    [Test]
    public async Task SSF_24_OpenAsync_FileOfAnOutbox_BothStoresShareItAndTheOutboxVersionStays()
    {
        await using (var outbox = await SqliteSecurityEventOutbox.OpenAsync(FilePath, Time))
        {
            await using var store = await SqliteSsfStreamStore.OpenAsync(FilePath);
            (await store.CreateAsync(Stream("s1"), onlyStreamOfReceiver: true)).Should().BeTrue();
            (await outbox.GetStatisticsAsync()).Should().NotBeNull();
        }

        using var raw = RawSqlite.Open(FilePath);
        RawSqlite.Scalar(raw, "PRAGMA user_version").Should().Be(2L);
        RawSqlite.Scalar(raw, "SELECT version FROM ssf_schema").Should().Be(1L);
    }

    [Test]
    public async Task OpenAsync_StreamTablesOfAnotherVersion_InvalidDataException()
    {
        await (await SqliteSsfStreamStore.OpenAsync(FilePath)).DisposeAsync();
        using (var raw = RawSqlite.Open(FilePath))
        {
            RawSqlite.Execute(raw, "UPDATE ssf_schema SET version = 99");
        }

        await FluentActions.Awaiting(() => SqliteSsfStreamStore.OpenAsync(FilePath)).Should().ThrowAsync<InvalidDataException>().WithMessage("*version 99*");
    }

    [Test]
    public async Task GetAsync_StoredRowTamperedWith_InvalidDataException()
    {
        await using var store = await SqliteSsfStreamStore.OpenAsync(FilePath);
        await store.CreateAsync(Stream("s1"), onlyStreamOfReceiver: false);
        await store.CreateAsync(Stream("s2"), onlyStreamOfReceiver: false);
        await store.AddSubjectAsync("s1", Subject("a@example.com"));
        using (var raw = RawSqlite.Open(FilePath))
        {
            RawSqlite.Execute(raw, "UPDATE ssf_streams SET configuration = '{\"stream_id\":1}' WHERE stream_id = 's1'");
            RawSqlite.Execute(raw, "UPDATE ssf_streams SET configuration = replace(configuration, '\"s2\"', '\"s9\"') WHERE stream_id = 's2'");
            RawSqlite.Execute(raw, "UPDATE ssf_subjects SET subject = '{\"format\":\"email\"}'");
        }

        await FluentActions.Awaiting(() => store.GetAsync("s1").AsTask()).Should().ThrowAsync<InvalidDataException>();
        await FluentActions.Awaiting(() => store.GetAsync("s2").AsTask()).Should().ThrowAsync<InvalidDataException>().WithMessage("*stream_id*");
        await FluentActions.Awaiting(() => store.ListSubjectsAsync("s1").AsTask()).Should().ThrowAsync<InvalidDataException>();
    }

    [Test]
    public async Task OpenAsync_NotADatabase_InvalidDataException()
    {
        await File.WriteAllTextAsync(FilePath, "not a database, long enough to be read as a header by SQLite.................................");

        await FluentActions.Awaiting(() => SqliteSsfStreamStore.OpenAsync(FilePath)).Should().ThrowAsync<InvalidDataException>();
    }

    private static UnknownSubjectIdentifier Unknown(string members) => new("x-vendor", JsonDocument.Parse(members).RootElement);
}
