using System.Net;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Ssf;
using SecEvent.Tokens.Events.Caep;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Delivery.Tests.Ssf.Transmitter;

/// <summary>The conformance suite's subject control happy path: add (empty 200), remove (204), and which events flow (SSF-32/33/34).</summary>
[TestFixture]
public sealed class OIDSSFStreamSubjectControlHappyPathTest
{
    private static readonly EmailSubjectIdentifier Alice = new() { Email = "alice@example.com" };
    private static readonly EmailSubjectIdentifier Bob = new() { Email = "bob@example.com" };

    [Test]
    public async Task SSF_33_34_AddAnswersEmpty200AndRemoveAnswers204()
    {
        await using var transmitter = await SsfTransmitterHost.StartAsync();
        var streamId = await transmitter.CreatePollStreamAsync(SsfTransmitterHost.ReceiverA);
        var subject = $$$"""{"stream_id":"{{{streamId}}}","subject":{"format":"email","email":"alice@example.com"}}""";

        using var added = await transmitter.SendAsync(HttpMethod.Post, SsfTransmitterHost.AddSubjectPath, SsfTransmitterHost.ReceiverA, subject);
        added.StatusCode.Should().Be(HttpStatusCode.OK);
        (await added.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
        (await transmitter.Store.ListSubjectsAsync(streamId)).Should().ContainSingle().Which.Subject.Should().Be(Alice);

        using var removed = await transmitter.SendAsync(HttpMethod.Post, SsfTransmitterHost.RemoveSubjectPath, SsfTransmitterHost.ReceiverA, subject);
        removed.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await transmitter.Store.ListSubjectsAsync(streamId)).Should().BeEmpty();

        using var again = await transmitter.SendAsync(HttpMethod.Post, SsfTransmitterHost.RemoveSubjectPath, SsfTransmitterHost.ReceiverA, subject);
        again.StatusCode.Should().Be(HttpStatusCode.NoContent, "SSF-39: no probing for subjects");
    }

    [Test]
    public async Task SSF_33_MissingVerifiedIsTakenAsTrue()
    {
        await using var transmitter = await SsfTransmitterHost.StartAsync();
        await using var receiver = await SsfReceiverHost.StartAsync(transmitter);
        var stream = await receiver.Client.CreateStreamAsync(SsfReceiverHost.PollStream());

        (await receiver.Client.AddSubjectAsync(new SsfAddSubjectRequest { StreamId = stream.StreamId, Subject = Alice })).Should().Be(200);
        (await receiver.Client.AddSubjectAsync(new SsfAddSubjectRequest { StreamId = stream.StreamId, Subject = Bob, Verified = false })).Should().Be(200);

        var subjects = await transmitter.Store.ListSubjectsAsync(stream.StreamId);
        subjects.Single(s => s.Subject.Equals(Alice)).Verified.Should().BeTrue();
        subjects.Single(s => s.Subject.Equals(Bob)).Verified.Should().BeFalse();
    }

    [TestCase("not json")]
    [TestCase("""{"stream_id":"{id}"}""")]
    [TestCase("""{"stream_id":"{id}","subject":{"format":"email"}}""")]
    [TestCase("""{"stream_id":"{id}","subject":"alice@example.com"}""")]
    public async Task SSF_33_AddWithABrokenSubjectAnswers400(string body)
    {
        await using var transmitter = await SsfTransmitterHost.StartAsync();
        var streamId = await transmitter.CreatePollStreamAsync(SsfTransmitterHost.ReceiverA);

        using var response = await transmitter.SendAsync(HttpMethod.Post, SsfTransmitterHost.AddSubjectPath, SsfTransmitterHost.ReceiverA, body.Replace("{id}", streamId, StringComparison.Ordinal));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await transmitter.Store.ListSubjectsAsync(streamId)).Should().BeEmpty();
    }

    [Test]
    public async Task SSF_32_EventsFlowOnlyForAddedSubjects()
    {
        await using var transmitter = await SsfTransmitterHost.StartAsync();
        await using var receiver = await SsfReceiverHost.StartAsync(transmitter);
        var stream = await receiver.Client.CreateStreamAsync(receiver.PushStream());
        await receiver.Client.AddSubjectAsync(new SsfAddSubjectRequest { StreamId = stream.StreamId, Subject = Alice });

        (await transmitter.Transmitter.PublishAsync(new CaepSessionRevoked(), Alice)).Queued.Should().Be(1);
        (await transmitter.Transmitter.PublishAsync(new CaepSessionRevoked(), Bob)).Queued.Should().Be(0);
        await receiver.Client.RemoveSubjectAsync(new SsfRemoveSubjectRequest { StreamId = stream.StreamId, Subject = Alice });
        (await transmitter.Transmitter.PublishAsync(new CaepSessionRevoked(), Alice)).Queued.Should().Be(0, "the subject was removed");
        await transmitter.DrainPushAsync();

        receiver.Received.Select(t => t.SubjectId).Should().Equal(Alice);
    }

    [Test]
    public async Task SSF_32_AComplexSubjectMatchesALessSpecificOne()
    {
        await using var transmitter = await SsfTransmitterHost.StartAsync();
        await using var receiver = await SsfReceiverHost.StartAsync(transmitter);
        var stream = await receiver.Client.CreateStreamAsync(receiver.PushStream());
        var aliceAnywhere = new ComplexSubjectIdentifier { Members = new Dictionary<string, SubjectIdentifier> { ["user"] = Alice } };
        await receiver.Client.AddSubjectAsync(new SsfAddSubjectRequest { StreamId = stream.StreamId, Subject = aliceAnywhere });
        var aliceOnALaptop = new ComplexSubjectIdentifier
        {
            Members = new Dictionary<string, SubjectIdentifier> { ["user"] = Alice, ["device"] = new OpaqueSubjectIdentifier { Id = "laptop-1" } },
        };
        var bobOnALaptop = new ComplexSubjectIdentifier
        {
            Members = new Dictionary<string, SubjectIdentifier> { ["user"] = Bob, ["device"] = new OpaqueSubjectIdentifier { Id = "laptop-1" } },
        };

        (await transmitter.Transmitter.PublishAsync(new CaepSessionRevoked(), aliceOnALaptop)).Queued.Should().Be(1, "device is undefined on the stream's side, user is identical");
        (await transmitter.Transmitter.PublishAsync(new CaepSessionRevoked(), bobOnALaptop)).Queued.Should().Be(0, "user differs");
        (await transmitter.Transmitter.PublishAsync(new CaepSessionRevoked(), Alice)).Queued.Should().Be(0, "a simple subject matches only an identical one");
        await transmitter.DrainPushAsync();

        receiver.Received.Select(t => t.SubjectId).Should().Equal(aliceOnALaptop);
    }
}
