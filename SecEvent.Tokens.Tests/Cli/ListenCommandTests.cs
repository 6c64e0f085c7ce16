using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Cli;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Cli;

/// <summary><c>secevent listen</c>: a real loopback push receiver (RFC 8935) driven in-process.</summary>
public class ListenCommandTests
{
    private CliKeyRing _keys = null!;

    [OneTimeSetUp]
    public async Task CreateKeys() => _keys = await CliKeyRing.CreateAsync();

    [OneTimeTearDown]
    public void DeleteKeys() => _keys.Dispose();

    [Test]
    public async Task Listen_PushedSets_AcceptedOnesPrintedAndRefusalsAnsweredPUSH09PUSH11()
    {
        var token = (await CliRun.WithStdinAsync(CliPayloads.Rfc8417, "sign", "--key", _keys.PrivateKey("ES256"))).Line;
        await using var listener = await CliListener.StartAsync(["listen", "--port", "0", "--jwks", _keys.PublicKeys("ES256"), "--auth", "Bearer s3cret"]);
        using var http = new HttpClient { BaseAddress = listener.Address };

        var accepted = await PostAsync(http, token, "Bearer s3cret");
        var anonymous = await PostAsync(http, token, authorization: null);
        var garbage = await PostAsync(http, "not.a.token", "Bearer s3cret");
        var (exitCode, stdout, stderr) = await listener.StopAsync();

        accepted.StatusCode.Should().Be(HttpStatusCode.Accepted);
        anonymous.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await anonymous.Content.ReadAsStringAsync()).Should().Contain("\"err\":\"authentication_failed\"");
        garbage.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await garbage.Content.ReadAsStringAsync()).Should().Contain("\"err\":\"invalid_request\"");
        exitCode.Should().Be(0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().ContainSingle("only the accepted SET is printed");
        JsonElement.DeepEquals(JsonElement.Parse(lines[0]), JsonElement.Parse(RawToken.Decode(token.Split('.')[1]))).Should().BeTrue();
        stderr.Should().StartWith($"listening on http://127.0.0.1:{listener.Address.Port}/").And.NotContain(token);
    }

    [Test]
    public async Task Listen_BadPort_IsAUsageError()
    {
        var result = await CliRun.RunAsync("listen", "--port", "70000", "--jwks", _keys.PublicKeys("ES256"));

        result.ExitCode.Should().Be(2);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string body, string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/any/path") { Content = new StringContent(body, Encoding.ASCII) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/secevent+jwt");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await http.SendAsync(request);
    }
}
