using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using Microsoft.IdentityModel.Tokens;
using NUnit.Framework;
using SecEvent.Delivery.Push;
using SecEvent.Delivery.Tests.Support;
using SecEvent.Tokens;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Delivery.Tests.Push;

/// <summary>
/// RFC 8935's own figures (<c>../shared/vectors/rfc8935-*</c>). Figure 1 is HS256 with no published key: its signing
/// input (header and claims exactly as printed, header newline included) is re-signed with a test key, and the
/// figure as printed is shown to be refused with <c>invalid_key</c>. Figures 3–5 give the shape of our errors.
/// </summary>
public class PushReceiverVectorTests
{
    private static readonly byte[] FigureKey = [.. Enumerable.Range(0, 32).Select(i => (byte)(i + 1))];

    private static TestVector Figure1 => Vectors.Named("rfc8935-fig1-push-request");

    private static string Figure1Body => Figure1.Data.GetProperty("body").GetString()!;

    private static JsonElement Figure1Payload => Figure1.Data.GetProperty("decoded_payload");

    /// <summary>The figure's header and payload segments, byte for byte, under an HS256 signature made with <see cref="FigureKey"/>.</summary>
    private static string Figure1Resigned()
    {
        var parts = Figure1Body.Split('.');
        return RawToken.SignEncoded(parts[0], parts[1], FigureKey);
    }

    private static PushReceiverOptions Figure1Options(Action<PushReceiverOptions>? configure = null)
    {
        var payload = Figure1Payload;
        var options = new PushReceiverOptions
        {
            ValidationParameters = new SecurityEventTokenValidationParameters
            {
                ValidIssuers = [payload.GetProperty("iss").GetString()!],
                ValidAudiences = [payload.GetProperty("aud").GetString()!],
                SigningKeys = [new SymmetricSecurityKey(FigureKey)],
                ValidAlgorithms = ["HS256"],
            },
        };
        configure?.Invoke(options);
        return options;
    }

    private static ManualTimeProvider Figure1Clock() =>
        new(DateTimeOffset.FromUnixTimeSeconds(Figure1Payload.GetProperty("iat").GetInt64()).AddSeconds(1));

    private static PushRequest Figure1Request(string body)
    {
        var headers = Figure1.Data.GetProperty("headers").EnumerateArray().ToDictionary(h => h[0].GetString()!, h => h[1].GetString()!);
        var bytes = Encoding.ASCII.GetBytes(body);
        return new PushRequest
        {
            Method = Figure1.Data.GetProperty("method").GetString()!,
            ContentType = headers["Content-Type"],
            ContentLength = bytes.Length,
            Body = new MemoryStream(bytes),
        };
    }

    [Test]
    public async Task ReceiveAsync_Rfc8935Figure1ResignedWithKnownKey_AcceptedAsFigure2PUSH07PUSH09()
    {
        var sink = new RecordingSink();
        var receiver = new PushReceiver(Figure1Options(), sink, Figure1Clock());

        var response = await receiver.ReceiveAsync(Figure1Request(Figure1Resigned()));

        var figure2 = Vectors.Named("rfc8935-fig2-push-success-response").Data;
        response.StatusCode.Should().Be(figure2.GetProperty("status").GetInt32());
        Encoding.UTF8.GetString(response.Body.Span).Should().Be(figure2.GetProperty("body").GetString());
        response.Headers.Should().HaveCount(figure2.GetProperty("headers").GetArrayLength());
        var accepted = sink.Accepted.Should().ContainSingle().Subject;
        accepted.JwtId.Should().Be(Figure1Payload.GetProperty("jti").GetString());
        JsonElement.DeepEquals(accepted.Payload, Figure1Payload).Should().BeTrue("the figure's claims are delivered unchanged");
    }

    [Test]
    public async Task ReceiveAsync_Rfc8935Figure1AsPrinted_RefusedWithInvalidKeyShapedAsFigure3PUSH11()
    {
        var receiver = new PushReceiver(Figure1Options(), new RecordingSink(), Figure1Clock());

        var response = await receiver.ReceiveAsync(Figure1Request(Figure1Body));

        AssertShapeOf("rfc8935-fig3-push-error-invalid-key", response, expectSameDescription: false);
    }

    [Test]
    public async Task ReceiveAsync_TransmitterAuthenticationFails_MatchesFigure4PUSH11PUSH13()
    {
        var figure = Vectors.Named("rfc8935-fig4-push-error-authentication-failed").Data;
        var description = figure.GetProperty("body").GetProperty("description").GetString()!;
        var receiver = new PushReceiver(
            Figure1Options(o => o.AuthenticateTransmitter = (_, _) => ValueTask.FromResult(PushAuthorizationResult.Refused(description))),
            new RecordingSink(), Figure1Clock());

        var response = await receiver.ReceiveAsync(Figure1Request(Figure1Resigned()));

        AssertShapeOf("rfc8935-fig4-push-error-authentication-failed", response, expectSameDescription: true);
    }

    [Test]
    public async Task ReceiveAsync_IssuerNotAccepted_MatchesFigure5ShapePUSH11PUSH13()
    {
        var receiver = new PushReceiver(
            Figure1Options(o => o.ValidationParameters.ValidIssuers = ["https://iss.example.com/"]),
            new RecordingSink(), Figure1Clock());

        var response = await receiver.ReceiveAsync(Figure1Request(Figure1Resigned()));

        AssertShapeOf("rfc8935-fig5-push-error-invalid-issuer", response, expectSameDescription: false);
    }

    [Test]
    public async Task ReceiveAsync_Rfc8935Figure1OverKestrelWithFigureHeaders_Answers202EmptyPUSH07PUSH09()
    {
        var sink = new RecordingSink();
        var receiver = new PushReceiver(Figure1Options(), sink, Figure1Clock());
        await using var server = await LoopbackServer.StartAsync(PushReceiverEndpoint.For(receiver));
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, Figure1.Data.GetProperty("target").GetString()!.TrimStart('/'));
        foreach (var header in Figure1.Data.GetProperty("headers").EnumerateArray())
        {
            var (name, value) = (header[0].GetString()!, header[1].GetString()!);
            if (name is "Host" or "Content-Type")
            {
                continue; // Host names the figure's server; Content-Type belongs to the content below.
            }

            request.Headers.TryAddWithoutValidation(name, value).Should().BeTrue();
        }

        request.Content = new StringContent(Figure1Resigned(), Encoding.ASCII);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(Figure1.Data.GetProperty("headers")[3][1].GetString()!);

        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await response.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
        sink.Calls.Should().Be(1);
    }

    [Test]
    public async Task ReceiveAsync_ErrorWithFigureLanguage_HasExactlyTheFigureHeadersPUSH12()
    {
        var figure = Vectors.Named("rfc8935-fig3-push-error-invalid-key").Data;
        var receiver = new PushReceiver(Figure1Options(o => o.ContentLanguage = "en-US"), new RecordingSink(), Figure1Clock());

        var response = await receiver.ReceiveAsync(Figure1Request(Figure1Body));

        var expected = figure.GetProperty("headers").EnumerateArray().Select(h => KeyValuePair.Create(h[0].GetString()!, h[1].GetString()!));
        response.Headers.Should().BeEquivalentTo(expected);
    }

    [Test]
    public void Table1_EveryRegisteredCodeIsAConstantOfTheTokensLibraryPUSH13()
    {
        var codes = Vectors.Named("rfc8935-table1-error-codes").Data.EnumerateObject().Select(p => p.Name);
        var constants = typeof(SecurityEventErrorCodes).GetFields().Select(f => (string)f.GetValue(null)!);

        constants.Should().BeEquivalentTo(codes);
    }

    /// <summary>Status, header names and values, and the body's member names as the figure; <c>err</c> equal; description equal when asked.</summary>
    private static void AssertShapeOf(string figureName, PushResponse response, bool expectSameDescription)
    {
        var figure = Vectors.Named(figureName).Data;
        response.StatusCode.Should().Be(figure.GetProperty("status").GetInt32());
        foreach (var header in figure.GetProperty("headers").EnumerateArray())
        {
            var name = header[0].GetString()!;
            response.GetHeader(name).Should().NotBeNullOrEmpty($"the figure carries {name}");
        }

        response.GetHeader("Content-Type").Should().Be("application/json");
        response.Headers.Select(h => h.Key).Should().BeEquivalentTo(figure.GetProperty("headers").EnumerateArray().Select(h => h[0].GetString()));

        var expectedBody = figure.GetProperty("body");
        var body = JsonElement.Parse(response.Body.Span);
        body.EnumerateObject().Select(p => p.Name).Should().Equal(expectedBody.EnumerateObject().Select(p => p.Name));
        body.GetProperty("err").GetString().Should().Be(expectedBody.GetProperty("err").GetString());
        body.GetProperty("description").ValueKind.Should().Be(JsonValueKind.String);
        if (expectSameDescription)
        {
            JsonElement.DeepEquals(body, expectedBody).Should().BeTrue();
        }
    }
}
