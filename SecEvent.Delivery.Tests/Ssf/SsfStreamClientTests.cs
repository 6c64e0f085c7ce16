using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Ssf;
using SecEvent.Tokens.Subjects;

namespace SecEvent.Delivery.Tests.Ssf;

/// <summary>
/// Each stream management operation (OpenID SSF 1.0 §8.1) against a Kestrel transmitter built from the spec's figures:
/// the client sends the request figure and returns the response figure.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class SsfStreamClientTests
{
    [Test]
    public async Task SSF_24_Create_Figure21_Returns201Figure22()
    {
        await using var h = await SsfStreamHarness.StartAsync();
        var client = await h.ClientAsync();
        SsfStreamRequest.TryParse(SsfStreamClientKit.RequestBody("ssf-fig21-create-stream-request"), SsfStreamOperation.Create, out var request, out _).Should().BeTrue();

        var stream = await client.CreateStreamAsync(request!);

        h.Stub.Management().Should().ContainSingle().Which.ShouldMatchFigure("ssf-fig21-create-stream-request");
        stream.ToUtf8Json().ShouldEqualFigure("ssf-fig22-create-stream-response", h.Stub.Issuer);
        stream.Issuer.Should().Be(h.Stub.Issuer);
    }

    [Test]
    public async Task SSF_24_Create_WithStreamId_RefusedBeforeSending()
    {
        await using var h = await SsfStreamHarness.StartAsync();
        var client = await h.ClientAsync();

        var create = () => client.CreateStreamAsync(new SsfStreamRequest { StreamId = "x" });

        await create.Should().ThrowAsync<ArgumentException>();
        h.Stub.Management().Should().BeEmpty();
    }

    [Test]
    public async Task SSF_24_Create_Answered200_TakenAsCreated()
    {
        await using var h = await SsfStreamHarness.StartAsync();
        var client = await h.ClientAsync();
        h.Stub.Script("POST /ssf/stream", new StubAnswer(200, SsfTransmitterStub.FigureBody("ssf-fig22-create-stream-response", h.Stub.Issuer)));

        var stream = await client.CreateStreamAsync(new SsfStreamRequest());

        stream.StreamId.Should().Be(SsfTransmitterStub.FigureStreamId);
        h.Stub.Management().Should().ContainSingle().Which.Body.Should().Be("{}");
    }

    [Test]
    public async Task SSF_25_Read_Figure23_Returns200Figure24()
    {
        await using var h = await SsfStreamHarness.StartAsync();
        var client = await h.ClientAsync();

        var stream = await client.GetStreamAsync(SsfTransmitterStub.FigureStreamId);

        h.Stub.Management().Should().ContainSingle().Which.ShouldMatchFigure("ssf-fig23-read-stream-request");
        stream.ToUtf8Json().ShouldEqualFigure("ssf-fig24-read-stream-response", h.Stub.Issuer);
    }

    [TestCase("ssf-fig26-read-streams-response-many", 2)]
    [TestCase("ssf-fig27-read-streams-response-one", 1)]
    [TestCase("ssf-fig28-read-streams-response-none", 0)]
    public async Task SSF_25_ReadAll_Figure25_ReturnsTheArray(string figure, int count)
    {
        await using var h = await SsfStreamHarness.StartAsync();
        var client = await h.ClientAsync();
        h.Stub.ListFigure = figure;

        var streams = await client.GetStreamsAsync();

        h.Stub.Management().Should().ContainSingle().Which.ShouldMatchFigure("ssf-fig25-read-streams-request");
        streams.Should().HaveCount(count);
        SsfStreamConfiguration.ToUtf8Json(streams).ShouldEqualFigure(figure, h.Stub.Issuer);
    }

    [Test]
    public async Task SSF_25_Read_StreamIdEscapedInQuery()
    {
        await using var h = await SsfStreamHarness.StartAsync();
        var client = await h.ClientAsync();
        h.Stub.Script("GET /ssf/stream", new StubAnswer(200, SsfTransmitterStub.FigureBody("ssf-fig24-read-stream-response", h.Stub.Issuer).Replace(SsfTransmitterStub.FigureStreamId, "a b&c=d", StringComparison.Ordinal)));

        var stream = await client.GetStreamAsync("a b&c=d");

        stream.StreamId.Should().Be("a b&c=d");
        h.Stub.Management().Single().Target.Should().Be("/ssf/stream?stream_id=a%20b%26c%3Dd");
    }

    [Test]
    public async Task SSF_26_Update_Figure29_Returns200Figure30()
    {
        await using var h = await SsfStreamHarness.StartAsync();
        var client = await h.ClientAsync();
        SsfStreamRequest.TryParse(SsfStreamClientKit.RequestBody("ssf-fig29-update-stream-request"), SsfStreamOperation.Update, out var request, out _).Should().BeTrue();

        var result = await client.UpdateStreamAsync(request!);

        h.Stub.Management().Should().ContainSingle().Which.ShouldMatchFigure("ssf-fig29-update-stream-request");
        result.IsPending.Should().BeFalse();
        result.Value!.ToUtf8Json().ShouldEqualFigure("ssf-fig30-update-stream-response", h.Stub.Issuer);
    }

    [Test]
    public async Task SSF_27_Replace_Figure31_Returns200Figure32()
    {
        await using var h = await SsfStreamHarness.StartAsync();
        var client = await h.ClientAsync();
        SsfStreamRequest.TryParse(SsfStreamClientKit.RequestBody("ssf-fig31-replace-stream-request"), SsfStreamOperation.Replace, out var request, out _).Should().BeTrue();

        var result = await client.ReplaceStreamAsync(request!);

        h.Stub.Management().Should().ContainSingle().Which.ShouldMatchFigure("ssf-fig31-replace-stream-request");
        result.Value!.ToUtf8Json().ShouldEqualFigure("ssf-fig32-replace-stream-response", h.Stub.Issuer);
    }

    [TestCase("PATCH")]
    [TestCase("PUT")]
    public async Task SSF_26_27_UpdateOrReplace_Answered202_Pending(string method)
    {
        await using var h = await SsfStreamHarness.StartAsync();
        var client = await h.ClientAsync();
        h.Stub.Script(method + " /ssf/stream", new StubAnswer(202, null, null));
        var request = new SsfStreamRequest { StreamId = SsfTransmitterStub.FigureStreamId, Description = "d" };

        var result = method == "PATCH" ? await client.UpdateStreamAsync(request) : await client.ReplaceStreamAsync(request);

        result.IsPending.Should().BeTrue();
        result.Value.Should().BeNull();
    }

    [Test]
    public async Task SSF_26_Update_WithoutStreamId_RefusedBeforeSending()
    {
        await using var h = await SsfStreamHarness.StartAsync();
        var client = await h.ClientAsync();

        var update = () => client.UpdateStreamAsync(new SsfStreamRequest { Description = "d" });

        await update.Should().ThrowAsync<ArgumentException>();
        h.Stub.Management().Should().BeEmpty();
    }

    [Test]
    public async Task SSF_28_Delete_Figure33_Returns204Figure34()
    {
        await using var h = await SsfStreamHarness.StartAsync();
        var client = await h.ClientAsync();

        (await client.DeleteStreamAsync(SsfTransmitterStub.FigureStreamId)).Should().Be(204);

        h.Stub.Management().Should().ContainSingle().Which.ShouldMatchFigure("ssf-fig33-delete-stream-request");
    }

    [Test]
    public async Task SSF_30_ReadStatus_Figure35_Returns200Figure36()
    {
        await using var h = await SsfStreamHarness.StartAsync();
        var client = await h.ClientAsync();

        var status = await client.GetStatusAsync(SsfTransmitterStub.FigureStreamId);

        h.Stub.Management().Should().ContainSingle().Which.ShouldMatchFigure("ssf-fig35-status-request");
        status.ToUtf8Json().ShouldEqualFigure("ssf-fig36-status-response", h.Stub.Issuer);
    }

    [TestCase("ssf-fig37-update-status-request")]
    [TestCase("ssf-fig38-update-status-request-reason")]
    public async Task SSF_31_UpdateStatus_Figure_Returns200Figure39(string figure)
    {
        await using var h = await SsfStreamHarness.StartAsync();
        var client = await h.ClientAsync();
        SsfStreamStatus.TryParse(SsfStreamClientKit.RequestBody(figure), out var status, out _).Should().BeTrue();

        var result = await client.UpdateStatusAsync(status!);

        h.Stub.Management().Should().ContainSingle().Which.ShouldMatchFigure(figure);
        result.Value!.ToUtf8Json().ShouldEqualFigure("ssf-fig39-update-status-response", h.Stub.Issuer);
    }

    [Test]
    public async Task SSF_31_UpdateStatus_Answered202_Pending()
    {
        await using var h = await SsfStreamHarness.StartAsync();
        var client = await h.ClientAsync();
        h.Stub.Script("POST /ssf/status", new StubAnswer(202, null, null));

        var result = await client.UpdateStatusAsync(new SsfStreamStatus { StreamId = SsfTransmitterStub.FigureStreamId, Status = "enabled" });

        result.IsPending.Should().BeTrue();
    }

    [Test]
    public async Task SSF_31_UpdateStatus_UnknownStatus_RefusedBeforeSending()
    {
        await using var h = await SsfStreamHarness.StartAsync();
        var client = await h.ClientAsync();

        var update = () => client.UpdateStatusAsync(new SsfStreamStatus { StreamId = SsfTransmitterStub.FigureStreamId, Status = "stopped" });

        await update.Should().ThrowAsync<ArgumentException>();
        h.Stub.Management().Should().BeEmpty();
    }

    [Test]
    public async Task SSF_33_AddSubject_Figure40_Returns200Figure41()
    {
        await using var h = await SsfStreamHarness.StartAsync();
        var client = await h.ClientAsync();
        SsfAddSubjectRequest.TryParse(SsfStreamClientKit.RequestBody("ssf-fig40-add-subject-request"), out var request, out _).Should().BeTrue();

        (await client.AddSubjectAsync(request!)).Should().Be(200);

        h.Stub.Management().Should().ContainSingle().Which.ShouldMatchFigure("ssf-fig40-add-subject-request");
    }

    [Test]
    public async Task SSF_34_RemoveSubject_Figure42WithRegisteredFormat_Returns204Figure43()
    {
        await using var h = await SsfStreamHarness.StartAsync();
        var client = await h.ClientAsync();

        // Figure 42 prints "format":"phone"; the registered RFC 9493 name is phone_number, which a conforming client sends.
        await client.RemoveSubjectAsync(new SsfRemoveSubjectRequest { StreamId = SsfTransmitterStub.FigureStreamId, Subject = new PhoneNumberSubjectIdentifier { PhoneNumber = "+12065550123" } });

        var sent = h.Stub.Management().Should().ContainSingle().Subject;
        sent.Method.Should().Be("POST");
        sent.Target.Should().Be("/ssf/subjects:remove");
        sent.Body.Should().Be("""{"stream_id":"f67e39a0a4d34d56b3aa1bc4cff0069f","subject":{"format":"phone_number","phone_number":"+12065550123"}}""");
    }

    [Test]
    public async Task SSF_37_Verify_Figure44_Returns204Figure45()
    {
        await using var h = await SsfStreamHarness.StartAsync();
        var client = await h.ClientAsync();
        SsfVerificationRequest.TryParse(SsfStreamClientKit.RequestBody("ssf-fig44-verify-request"), out var request, out _).Should().BeTrue();

        (await client.RequestVerificationAsync(request!)).Should().Be(204);

        h.Stub.Management().Should().ContainSingle().Which.ShouldMatchFigure("ssf-fig44-verify-request");
    }

    [Test]
    public async Task SSF_22_GetAuthorization_CalledForEveryRequest_ReplacesFixedValue()
    {
        await using var h = await SsfStreamHarness.StartAsync();
        var calls = 0;
        var client = await h.ClientAsync(o => o.GetAuthorization = _ => ValueTask.FromResult<string?>($"Bearer token-{Interlocked.Increment(ref calls)}"));

        await client.GetStatusAsync(SsfTransmitterStub.FigureStreamId);
        await client.GetStatusAsync(SsfTransmitterStub.FigureStreamId);

        h.Stub.Management().Select(r => r.Authorization).Should().Equal("Bearer token-1", "Bearer token-2");
    }
}
