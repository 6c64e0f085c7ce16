using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using Microsoft.IdentityModel.Tokens;
using NUnit.Framework;
using SecEvent.Delivery.Keys;
using SecEvent.Delivery.Push;
using SecEvent.Delivery.Tests.Support;
using SecEvent.Tokens.Tests.Interop;

namespace SecEvent.Delivery.Tests.Push;

/// <summary>
/// SETs signed by panva/jose, an independent implementation, pushed over real HTTP to Kestrel, which hands each request
/// to <see cref="PushReceiver"/> through <see cref="PushReceiverEndpoint"/>.
/// </summary>
public class PushReceiverJoseInteropTests
{
    private static async Task<(JsonElement PublicJwk, string Token)> JoseSignedAsync(string alg, string jti)
    {
        var generated = (await JoseBridge.RunAsync([new { op = "generate", alg }]))[0];
        var payload = JsonElement.Parse(PushSets.Payload(jti));
        var signed = (await JoseBridge.RunAsync([new { op = "sign", alg, jwk = generated.GetProperty("privateJwk"), typ = "secevent+jwt", payload }]))[0];
        return (generated.GetProperty("publicJwk"), signed.GetProperty("token").GetString()!);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, Uri endpoint, string token, string? authorization = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint);
        request.Headers.Accept.ParseAdd("application/json");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        request.Content = new StringContent(token, Encoding.ASCII);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/secevent+jwt");
        return await client.SendAsync(request);
    }

    [TestCase("RS256")]
    [TestCase("ES256")]
    public async Task ReceiveAsync_JoseSignedSetOverKestrel_Answers202EmptyAndReachesSinkPUSH01PUSH09(string alg)
    {
        var (publicJwk, token) = await JoseSignedAsync(alg, "jose-" + alg);
        var sink = new RecordingSink();
        var options = PushSets.Options(o =>
        {
            o.ValidationParameters.SigningKeys = [new JsonWebKey(publicJwk.GetRawText())];
            o.ValidationParameters.ValidAlgorithms = [alg];
        });
        var receiver = new PushReceiver(options, sink, PushSets.Clock());
        await using var server = await LoopbackServer.StartAsync(PushReceiverEndpoint.For(receiver));
        using var client = new HttpClient();

        using var response = await PostAsync(client, new Uri(server.BaseAddress, "events"), token);

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await response.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
        var accepted = sink.Accepted.Should().ContainSingle().Subject;
        accepted.JwtId.Should().Be("jose-" + alg);
        accepted.Algorithm.Should().Be(alg);
    }

    [TestCase("RS256")]
    [TestCase("ES256")]
    public async Task ReceiveAsync_JoseSignedSetWithKeyFromKestrelJwks_AcceptedThenDuplicateAcceptedOncePUSH04(string alg)
    {
        var (publicJwk, token) = await JoseSignedAsync(alg, "jwks-" + alg);
        await using var jwks = await JwksServer.StartAsync();
        jwks.Document = "{\"keys\":[" + publicJwk.GetRawText() + "]}";
        using var client = new HttpClient();
        var keys = new JwksKeySource(client, new JwksKeySourceOptions { JwksUri = jwks.Uri, AllowInsecureHttp = true }, PushSets.Clock());
        var sink = new RecordingSink();
        var options = PushSets.Options(o =>
        {
            o.ValidationParameters.SigningKeys = [];
            o.ValidationParameters.ValidAlgorithms = [alg];
            o.ValidationParameters.SigningKeyResolver = keys.SigningKeyResolver;
        });
        var receiver = new PushReceiver(options, sink, PushSets.Clock());
        await using var server = await LoopbackServer.StartAsync(PushReceiverEndpoint.For(receiver));
        var endpoint = new Uri(server.BaseAddress, "events");

        using var first = await PostAsync(client, endpoint, token);
        using var second = await PostAsync(client, endpoint, token);

        first.StatusCode.Should().Be(HttpStatusCode.Accepted);
        second.StatusCode.Should().Be(HttpStatusCode.Accepted);
        sink.Calls.Should().Be(1);
        jwks.Fetches.Should().Be(1);
    }

    [Test]
    public async Task ReceiveAsync_OverKestrelWithRefusedCredentials_Answers400JsonWithContentLanguagePUSH11PUSH12()
    {
        var receiver = new PushReceiver(
            PushSets.Options(o => o.AuthenticateTransmitter = (request, _) => ValueTask.FromResult(
                request.Authorization == "Bearer right" ? PushAuthorizationResult.Allowed : PushAuthorizationResult.Refused("Access token has expired."))),
            new RecordingSink(), PushSets.Clock());
        await using var server = await LoopbackServer.StartAsync(PushReceiverEndpoint.For(receiver));
        using var client = new HttpClient();

        using var refused = await PostAsync(client, server.BaseAddress, PushSets.Token(), "Bearer wrong");
        using var allowed = await PostAsync(client, server.BaseAddress, PushSets.Token(), "Bearer right");

        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        refused.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        refused.Content.Headers.ContentLanguage.Should().Equal("en");
        var body = JsonElement.Parse(await refused.Content.ReadAsStringAsync());
        body.GetProperty("err").GetString().Should().Be("authentication_failed");
        allowed.StatusCode.Should().Be(HttpStatusCode.Accepted);
    }

    [Test]
    public async Task ReceiveAsync_OverKestrelOversizedChunkedBody_Answers413()
    {
        var receiver = new PushReceiver(PushSets.Options(o => o.MaximumRequestSize = 2048), new RecordingSink(), PushSets.Clock());
        await using var server = await LoopbackServer.StartAsync(PushReceiverEndpoint.For(receiver));
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, server.BaseAddress)
        {
            Content = new StreamContent(new MemoryStream(new byte[100_000])),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/secevent+jwt");
        request.Headers.TransferEncodingChunked = true;

        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }
}
