using System.Text.Json;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Tests.Ssf;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Cli;

/// <summary>
/// <c>secevent stream</c> in-process against a Kestrel transmitter built from the OpenID SSF 1.0 figures: what each
/// command sends and prints, and how it ends.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class StreamCommandTests
{
    private const string Stream = SsfTransmitterStub.FigureStreamId;
    private const string Auth = SsfTransmitterStub.FigureAuthorization;

    [Test]
    public async Task SSF_21_Discover_PrintsTheCheckedConfiguration()
    {
        await using var stub = await SsfTransmitterStub.StartAsync();

        var result = await RunAsync(stub, "discover");

        result.ExitCode.Should().Be(0, result.Stderr);
        ShouldEqual(result.Stdout, stub.Configuration());
    }

    [Test]
    public async Task SSF_24_Create_BodyFromFile_SendsFigure21_PrintsFigure22()
    {
        await using var stub = await SsfTransmitterStub.StartAsync();
        using var folder = new TempFolder();
        var file = Path.Combine(folder.Path, "create.json");
        await File.WriteAllTextAsync(file, Body("ssf-fig21-create-stream-request"));

        var result = await RunAsync(stub, "create", "--auth", Auth, "--in", file);

        result.ExitCode.Should().Be(0, result.Stderr);
        ShouldEqual(result.Stdout, SsfTransmitterStub.FigureBody("ssf-fig22-create-stream-response", stub.Issuer));
        stub.Management().Should().ContainSingle().Which.ShouldMatchFigure("ssf-fig21-create-stream-request");
        (result.Stdout + result.Stderr).Should().NotContain("eyJ0b2tlbiI6ImV4YW1wbGUifQo");
    }

    [Test]
    public async Task SSF_25_Get_WithStreamId_PrintsFigure24()
    {
        await using var stub = await SsfTransmitterStub.StartAsync();

        var result = await RunAsync(stub, "get", "--auth", Auth, "--stream-id", Stream);

        result.ExitCode.Should().Be(0, result.Stderr);
        ShouldEqual(result.Stdout, SsfTransmitterStub.FigureBody("ssf-fig24-read-stream-response", stub.Issuer));
        stub.Management().Single().ShouldMatchFigure("ssf-fig23-read-stream-request");
    }

    [TestCase("ssf-fig26-read-streams-response-many")]
    [TestCase("ssf-fig27-read-streams-response-one")]
    [TestCase("ssf-fig28-read-streams-response-none")]
    public async Task SSF_25_Get_WithoutStreamId_PrintsTheArray(string figure)
    {
        await using var stub = await SsfTransmitterStub.StartAsync();
        stub.ListFigure = figure;

        var result = await RunAsync(stub, "get", "--auth", Auth);

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Json.ValueKind.Should().Be(JsonValueKind.Array);
        ShouldEqual(result.Stdout, SsfTransmitterStub.FigureBody(figure, stub.Issuer));
    }

    [Test]
    public async Task SSF_26_Update_BodyFromStdin_SendsFigure29_PrintsFigure30()
    {
        await using var stub = await SsfTransmitterStub.StartAsync();

        var result = await RunWithStdinAsync(stub, Body("ssf-fig29-update-stream-request"), "update", "--auth", Auth);

        result.ExitCode.Should().Be(0, result.Stderr);
        ShouldEqual(result.Stdout, SsfTransmitterStub.FigureBody("ssf-fig30-update-stream-response", stub.Issuer));
        stub.Management().Single().ShouldMatchFigure("ssf-fig29-update-stream-request");
    }

    [Test]
    public async Task SSF_26_Update_Answered202_PrintsStatus()
    {
        await using var stub = await SsfTransmitterStub.StartAsync();
        stub.Script("PATCH /ssf/stream", new StubAnswer(202, null, null));

        var result = await RunWithStdinAsync(stub, """{"description":"d"}""", "update", "--stream-id", Stream);

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Line.Should().Be("""{"status":202}""");
        stub.Management().Single().Body.Should().Be("""{"stream_id":"f67e39a0a4d34d56b3aa1bc4cff0069f","description":"d"}""");
    }

    [Test]
    public async Task SSF_27_Replace_SendsFigure31_PrintsFigure32()
    {
        await using var stub = await SsfTransmitterStub.StartAsync();

        var result = await RunWithStdinAsync(stub, Body("ssf-fig31-replace-stream-request"), "replace", "--auth", Auth, "--stream-id", Stream);

        result.ExitCode.Should().Be(0, result.Stderr);
        ShouldEqual(result.Stdout, SsfTransmitterStub.FigureBody("ssf-fig32-replace-stream-response", stub.Issuer));
        stub.Management().Single().ShouldMatchFigure("ssf-fig31-replace-stream-request");
    }

    [Test]
    public async Task SSF_28_Delete_PrintsStatus204()
    {
        await using var stub = await SsfTransmitterStub.StartAsync();

        var result = await RunAsync(stub, "delete", "--auth", Auth, "--stream-id", Stream);

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Line.Should().Be("""{"status":204}""");
        stub.Management().Single().ShouldMatchFigure("ssf-fig33-delete-stream-request");
    }

    [Test]
    public async Task SSF_30_Status_PrintsFigure36()
    {
        await using var stub = await SsfTransmitterStub.StartAsync();

        var result = await RunAsync(stub, "status", "--auth", Auth, "--stream-id", Stream);

        result.ExitCode.Should().Be(0, result.Stderr);
        ShouldEqual(result.Stdout, SsfTransmitterStub.FigureBody("ssf-fig36-status-response", stub.Issuer));
        stub.Management().Single().ShouldMatchFigure("ssf-fig35-status-request");
    }

    [Test]
    public async Task SSF_31_SetStatus_SendsFigure38_PrintsFigure39()
    {
        await using var stub = await SsfTransmitterStub.StartAsync();

        var result = await RunWithStdinAsync(stub, Body("ssf-fig38-update-status-request-reason"), "set-status", "--auth", Auth);

        result.ExitCode.Should().Be(0, result.Stderr);
        ShouldEqual(result.Stdout, SsfTransmitterStub.FigureBody("ssf-fig39-update-status-response", stub.Issuer));
        stub.Management().Single().ShouldMatchFigure("ssf-fig38-update-status-request-reason");
    }

    [Test]
    public async Task SSF_33_AddSubject_SendsFigure40_PrintsStatus200()
    {
        await using var stub = await SsfTransmitterStub.StartAsync();

        var result = await RunWithStdinAsync(stub, Body("ssf-fig40-add-subject-request"), "add-subject", "--auth", Auth);

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Line.Should().Be("""{"status":200}""");
        stub.Management().Single().ShouldMatchFigure("ssf-fig40-add-subject-request");
    }

    [Test]
    public async Task SSF_34_RemoveSubject_StreamIdFromOption_PrintsStatus204()
    {
        await using var stub = await SsfTransmitterStub.StartAsync();

        var result = await RunWithStdinAsync(stub, """{"subject":{"format":"phone_number","phone_number":"+12065550123"}}""", "remove-subject", "--stream-id", Stream);

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Line.Should().Be("""{"status":204}""");
        stub.Management().Single().Body.Should().Be("""{"stream_id":"f67e39a0a4d34d56b3aa1bc4cff0069f","subject":{"format":"phone_number","phone_number":"+12065550123"}}""");
    }

    [Test]
    public async Task SSF_34_RemoveSubject_Figure42AsPrinted_RefusedAsUsage_NothingSent()
    {
        await using var stub = await SsfTransmitterStub.StartAsync();

        var result = await RunWithStdinAsync(stub, Body("ssf-fig42-remove-subject-request"), "remove-subject");

        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Contain("remove-subject request is not valid");
        stub.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task SSF_37_Verify_StreamIdAlone_SendsIt_PrintsStatus204()
    {
        await using var stub = await SsfTransmitterStub.StartAsync();

        var result = await RunAsync(stub, "verify", "--auth", Auth, "--stream-id", Stream);

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Line.Should().Be("""{"status":204}""");
        stub.Management().Single().Body.Should().Be("""{"stream_id":"f67e39a0a4d34d56b3aa1bc4cff0069f"}""");
    }

    [Test]
    public async Task SSF_37_Verify_Figure44FromStdin_Sent()
    {
        await using var stub = await SsfTransmitterStub.StartAsync();

        var result = await RunWithStdinAsync(stub, Body("ssf-fig44-verify-request"), "verify", "--auth", Auth, "--in", "-");

        result.ExitCode.Should().Be(0, result.Stderr);
        stub.Management().Single().ShouldMatchFigure("ssf-fig44-verify-request");
    }

    [Test]
    public async Task SSF_24_Create_409WithJsonBody_PrintsStatusAndBody_Exit1()
    {
        await using var stub = await SsfTransmitterStub.StartAsync();
        stub.Script("POST /ssf/stream", new StubAnswer(409, """{"error":"stream_exists"}"""));

        var result = await RunWithStdinAsync(stub, "{}", "create");

        result.ExitCode.Should().Be(1);
        result.Line.Should().Be("""{"status":409,"body":{"error":"stream_exists"}}""");
        result.Stderr.Should().Contain("create failed").And.Contain("409");
    }

    [Test]
    public async Task SSF_25_Get_403WithTextBody_PrintsBodyAsString_Exit1()
    {
        await using var stub = await SsfTransmitterStub.StartAsync();
        stub.Script("GET /ssf/stream", new StubAnswer(403, "not yours", "text/plain"));

        var result = await RunAsync(stub, "get", "--stream-id", Stream);

        result.ExitCode.Should().Be(1);
        result.Line.Should().Be("""{"status":403,"body":"not yours"}""");
    }

    [Test]
    public async Task SSF_28_Delete_404WithoutBody_PrintsNullBody_Exit1()
    {
        await using var stub = await SsfTransmitterStub.StartAsync();
        stub.Script("DELETE /ssf/stream", new StubAnswer(404, null, null));

        var result = await RunAsync(stub, "delete", "--stream-id", Stream);

        result.ExitCode.Should().Be(1);
        result.Line.Should().Be("""{"status":404,"body":null}""");
    }

    [Test]
    public async Task SSF_24_Create_StreamOfAnotherIssuer_Exit1_NothingPrinted()
    {
        await using var stub = await SsfTransmitterStub.StartAsync();
        stub.Script("POST /ssf/stream", new StubAnswer(201, SsfTransmitterStub.FigureBody("ssf-fig22-create-stream-response", "https://attacker.example.com")));

        var result = await RunWithStdinAsync(stub, "{}", "create");

        result.ExitCode.Should().Be(1);
        result.Stdout.Should().BeEmpty();
        result.Stderr.Should().Contain("another issuer");
    }

    [Test]
    public async Task SSF_21_TransmitterDown_DiscoveryFails_Exit1()
    {
        var stub = await SsfTransmitterStub.StartAsync();
        var issuer = stub.Issuer;
        await stub.DisposeAsync();

        var result = await CliRun.RunAsync("stream", "status", "--issuer", issuer, "--allow-http", "--stream-id", Stream);

        result.ExitCode.Should().Be(1);
        result.Stderr.Should().Contain("discovery failed");
    }

    [TestCase("""{"stream_id":"other"}""", "differs")]
    [TestCase("""{"stream_id":1}""", "differs")]
    [TestCase("[1]", "not a JSON object")]
    [TestCase("{", "not valid JSON")]
    [TestCase("""{"a":1,"a":2}""", "not valid JSON")]
    public async Task SSF_26_Update_BadBodyOrStreamId_Usage_NothingSent(string body, string message)
    {
        await using var stub = await SsfTransmitterStub.StartAsync();

        var result = await RunWithStdinAsync(stub, body, "update", "--stream-id", Stream);

        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Contain(message);
        stub.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task SSF_26_Update_BodyWithoutStreamId_Usage_NothingSent()
    {
        await using var stub = await SsfTransmitterStub.StartAsync();

        var result = await RunWithStdinAsync(stub, """{"description":"d"}""", "update");

        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Contain("stream_id is required");
        stub.Requests.Should().BeEmpty();
    }

    [TestCase("stream", "delete", "--issuer", "https://tr.example.com")]
    [TestCase("stream", "status", "--stream-id", "s")]
    [TestCase("stream", "get", "--issuer", "http://tr.example.com")]
    [TestCase("stream", "get", "--issuer", "https://tr.example.com/?x=1")]
    [TestCase("stream", "create", "--issuer", "https://tr.example.com", "--stream-id", "s")]
    [TestCase("stream", "rename", "--issuer", "https://tr.example.com")]
    public async Task SSF_18_UsageErrors_Exit2(params string[] args)
    {
        var result = await CliRun.RunAsync(args);

        result.ExitCode.Should().Be(2, result.Stderr);
        result.Stdout.Should().BeEmpty();
    }

    private static Task<CliResult> RunAsync(SsfTransmitterStub stub, params string[] args) => RunWithStdinAsync(stub, "", args);

    private static Task<CliResult> RunWithStdinAsync(SsfTransmitterStub stub, string stdin, params string[] args) =>
        CliRun.WithStdinAsync(stdin, ["stream", .. args, "--issuer", stub.Issuer, "--allow-http"]);

    private static string Body(string figure) => Support.Vectors.Named(figure).Data.GetProperty("body").GetRawText();

    private static void ShouldEqual(string printed, string expected)
    {
        printed.Should().EndWith("\n").And.Subject.TrimEnd('\n').Should().NotContain("\n", "one JSON line");
        using var actual = JsonDocument.Parse(printed);
        using var wanted = JsonDocument.Parse(expected);
        JsonElement.DeepEquals(actual.RootElement, wanted.RootElement).Should().BeTrue($"expected {expected}, printed {printed}");
    }
}
