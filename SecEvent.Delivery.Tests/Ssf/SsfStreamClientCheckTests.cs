using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Ssf;

namespace SecEvent.Delivery.Tests.Ssf;

/// <summary>What the client checks in every answer and in the transmitter's configuration (OpenID SSF 1.0 §7.1, §8.1).</summary>
[Parallelizable(ParallelScope.All)]
public class SsfStreamClientCheckTests
{
    private const string OtherIssuer = "https://attacker.example.com";

    [Test]
    public async Task SSF_24_Create_StreamOfAnotherIssuer_IssuerMismatch()
    {
        await using var h = await SsfStreamHarness.StartAsync();
        h.Stub.Script("POST /ssf/stream", new StubAnswer(201, SsfTransmitterStub.FigureBody("ssf-fig22-create-stream-response", OtherIssuer)));
        var client = await h.ClientAsync();

        var create = () => client.CreateStreamAsync(new SsfStreamRequest());

        (await create.Should().ThrowAsync<SsfStreamException>()).Which.Failure.Should().Be(SsfStreamFailure.IssuerMismatch);
    }

    [Test]
    public async Task SSF_25_Read_StreamOfAnotherIssuer_IssuerMismatch()
    {
        await using var h = await SsfStreamHarness.StartAsync();
        h.Stub.Script("GET /ssf/stream", new StubAnswer(200, SsfTransmitterStub.FigureBody("ssf-fig24-read-stream-response", OtherIssuer)));
        var client = await h.ClientAsync();

        var read = () => client.GetStreamAsync(SsfTransmitterStub.FigureStreamId);

        (await read.Should().ThrowAsync<SsfStreamException>()).Which.Failure.Should().Be(SsfStreamFailure.IssuerMismatch);
    }

    [Test]
    public async Task SSF_25_ReadAll_OneStreamOfAnotherIssuer_IssuerMismatch()
    {
        await using var h = await SsfStreamHarness.StartAsync();
        var many = SsfTransmitterStub.FigureBody("ssf-fig26-read-streams-response-many", h.Stub.Issuer);
        var tampered = many[..(many.LastIndexOf(h.Stub.Issuer, StringComparison.Ordinal))] + OtherIssuer + many[(many.LastIndexOf(h.Stub.Issuer, StringComparison.Ordinal) + h.Stub.Issuer.Length)..];
        h.Stub.Script("GET /ssf/stream", new StubAnswer(200, tampered));
        var client = await h.ClientAsync();

        var read = () => client.GetStreamsAsync();

        (await read.Should().ThrowAsync<SsfStreamException>()).Which.Failure.Should().Be(SsfStreamFailure.IssuerMismatch);
    }

    [Test]
    public async Task SSF_26_Update_AnswerForAnotherStream_InvalidResponse()
    {
        await using var h = await SsfStreamHarness.StartAsync();
        var client = await h.ClientAsync();

        var update = () => client.UpdateStreamAsync(new SsfStreamRequest { StreamId = "another-stream", Description = "d" });

        (await update.Should().ThrowAsync<SsfStreamException>()).Which.Failure.Should().Be(SsfStreamFailure.InvalidResponse);
    }

    [Test]
    public async Task SSF_30_ReadStatus_StatusOfAnotherStream_InvalidResponse()
    {
        await using var h = await SsfStreamHarness.StartAsync();
        var client = await h.ClientAsync();

        var read = () => client.GetStatusAsync("another-stream");

        (await read.Should().ThrowAsync<SsfStreamException>()).Which.Failure.Should().Be(SsfStreamFailure.InvalidResponse);
    }

    [Test]
    public async Task SSF_25_ReadAll_ObjectInsteadOfArray_InvalidResponse()
    {
        await using var h = await SsfStreamHarness.StartAsync();
        h.Stub.Script("GET /ssf/stream", new StubAnswer(200, SsfTransmitterStub.FigureBody("ssf-fig24-read-stream-response", h.Stub.Issuer)));
        var client = await h.ClientAsync();

        var read = () => client.GetStreamsAsync();

        (await read.Should().ThrowAsync<SsfStreamException>()).Which.Failure.Should().Be(SsfStreamFailure.InvalidResponse);
    }

    [TestCase("text/html")]
    [TestCase(null)]
    public async Task SSF_25_Read_BodyNotJson_InvalidResponse(string? contentType)
    {
        await using var h = await SsfStreamHarness.StartAsync();
        h.Stub.Script("GET /ssf/stream", new StubAnswer(200, SsfTransmitterStub.FigureBody("ssf-fig24-read-stream-response", h.Stub.Issuer), contentType));
        var client = await h.ClientAsync();

        var read = () => client.GetStreamAsync(SsfTransmitterStub.FigureStreamId);

        (await read.Should().ThrowAsync<SsfStreamException>()).Which.Failure.Should().Be(SsfStreamFailure.InvalidResponse);
    }

    [TestCase("[")]
    [TestCase("""{"stream_id":"f67e39a0a4d34d56b3aa1bc4cff0069f","stream_id":"x"}""")]
    [TestCase("""[{"stream_id":""}]""")]
    [TestCase("null")]
    public async Task SSF_25_ReadAll_HostileBody_InvalidResponse(string body)
    {
        await using var h = await SsfStreamHarness.StartAsync();
        h.Stub.Script("GET /ssf/stream", new StubAnswer(200, body));
        var client = await h.ClientAsync();

        var read = () => client.GetStreamsAsync();

        (await read.Should().ThrowAsync<SsfStreamException>()).Which.Failure.Should().Be(SsfStreamFailure.InvalidResponse);
    }

    [Test]
    public async Task SSF_25_ReadAll_BodyLargerThanBound_InvalidResponse()
    {
        await using var h = await SsfStreamHarness.StartAsync();
        h.Stub.Script("GET /ssf/stream", new StubAnswer(200, "[" + new string(' ', 4096) + "]"));
        var client = await h.ClientAsync(o => o.MaximumResponseSize = 1024);

        var read = () => client.GetStreamsAsync();

        (await read.Should().ThrowAsync<SsfStreamException>()).Which.Message.Should().Contain("larger than 1024");
    }

    [Test]
    public async Task SSF_24_Create_ExpectedAudienceAbsent_AudienceMismatch()
    {
        await using var h = await SsfStreamHarness.StartAsync();
        var client = await h.ClientAsync(o => o.ExpectedAudience = "https://receiver.example.com/other");

        var create = () => client.CreateStreamAsync(new SsfStreamRequest());

        (await create.Should().ThrowAsync<SsfStreamException>()).Which.Failure.Should().Be(SsfStreamFailure.AudienceMismatch);
    }

    [Test]
    public async Task SSF_24_Create_ExpectedAudiencePresent_Returned()
    {
        await using var h = await SsfStreamHarness.StartAsync();
        var client = await h.ClientAsync(o => o.ExpectedAudience = "https://receiver.example.com/mobile");

        var stream = await client.CreateStreamAsync(new SsfStreamRequest());

        stream.Audience.Should().Contain("https://receiver.example.com/mobile");
    }

    [Test]
    public async Task SSF_22_BearerToken_TransmitterListsOnlyMutualTls_RefusedBeforeSending()
    {
        await using var h = await SsfStreamHarness.StartAsync();
        h.Stub.AuthorizationSchemesJson = """[{"spec_urn":"urn:ietf:rfc:8705"}]""";
        var client = await h.ClientAsync();

        var read = () => client.GetStreamsAsync();

        (await read.Should().ThrowAsync<SsfStreamException>()).Which.Failure.Should().Be(SsfStreamFailure.NotSupported);
        h.Stub.Management().Should().BeEmpty();
    }

    [Test]
    public async Task SSF_22_BearerToken_TransmitterListsBearerTokens_Sent()
    {
        await using var h = await SsfStreamHarness.StartAsync();
        h.Stub.AuthorizationSchemesJson = """[{"spec_urn":"urn:ietf:rfc:6750"}]""";
        var client = await h.ClientAsync();

        await client.GetStreamsAsync();

        h.Stub.Management().Single().Authorization.Should().Be(SsfTransmitterStub.FigureAuthorization);
    }

    [Test]
    public async Task SSF_22_NoAuthorizationConfigured_NoHeaderSent()
    {
        await using var h = await SsfStreamHarness.StartAsync();
        var client = await h.ClientAsync(o => o.AuthorizationHeader = null);

        await client.GetStreamsAsync();

        h.Stub.Management().Single().Authorization.Should().BeEmpty();
    }

    [Test]
    public void SSF_18_HttpEndpoint_RefusedWithoutAllowHttp()
    {
        var metadata = new SsfTransmitterMetadata { Issuer = "https://tr.example.com", ConfigurationEndpoint = "http://tr.example.com/ssf/stream" };
        using var http = new HttpClient();

        var create = () => new SsfStreamClient(http, metadata);

        create.Should().Throw<ArgumentException>().WithMessage("*configuration_endpoint*");
    }

    [Test]
    public async Task SSF_22_EndpointMissingFromConfiguration_NotSupported()
    {
        var metadata = new SsfTransmitterMetadata { Issuer = "https://tr.example.com", ConfigurationEndpoint = "https://tr.example.com/ssf/stream" };
        using var http = new HttpClient();
        var client = new SsfStreamClient(http, metadata);

        var verify = () => client.RequestVerificationAsync(new SsfVerificationRequest { StreamId = "s" });

        (await verify.Should().ThrowAsync<SsfStreamException>()).Which.Failure.Should().Be(SsfStreamFailure.NotSupported);
    }

    [Test]
    public void SSF_22_AuthorizationValueWithLineBreak_Refused()
    {
        var metadata = new SsfTransmitterMetadata { Issuer = "https://tr.example.com" };
        using var http = new HttpClient();

        var create = () => new SsfStreamClient(http, metadata, new SsfStreamClientOptions { AuthorizationHeader = "Bearer a\r\nX-Evil: 1" });

        create.Should().Throw<ArgumentException>();
    }
}
