using System.Text.Json;
using FluentAssertions;
using Microsoft.IdentityModel.Tokens;
using NUnit.Framework;
using SecEvent.Delivery.Poll;
using SecEvent.Delivery.Tests.Support;
using SecEvent.Tokens.Tests.Interop;
using static SecEvent.Delivery.Tests.Poll.PollClientTestKit;

namespace SecEvent.Delivery.Tests.Poll;

/// <summary>
/// SETs signed by panva/jose, an independent implementation, served by the fake transmitter over real HTTP and taken by
/// <see cref="PollClient"/> (RFC 8936 §2.1, POLL-01).
/// </summary>
public class PollClientJoseInteropTests
{
    [TestCase("RS256")]
    [TestCase("ES256")]
    [TestCase("PS256")]
    public async Task POLL_01_RunAsync_JoseSignedSets_AcceptedAndAcknowledged(string alg)
    {
        var generated = (await JoseBridge.RunAsync([new { op = "generate", alg }]))[0];
        var jtis = new[] { "jose-1-" + alg, "jose-2-" + alg };
        var signed = await JoseBridge.RunAsync([.. jtis.Select(jti => (object)new
        {
            op = "sign",
            alg,
            jwk = generated.GetProperty("privateJwk"),
            typ = "secevent+jwt",
            payload = JsonElement.Parse(PushSets.Payload(jti)),
        })]);
        await using var transmitter = await FakeTransmitter.StartAsync();
        transmitter.Offer([.. jtis.Zip(signed, (jti, s) => (jti, s.GetProperty("token").GetString()!))]);
        var sink = new RecordingSink();
        using var http = NewHttpClient();
        var client = Client(http, Options(transmitter, o =>
        {
            o.ValidationParameters.SigningKeys = [new JsonWebKey(generated.GetProperty("publicJwk").GetRawText())];
            o.ValidationParameters.ValidAlgorithms = [alg];
        }), sink);

        await RunUntilAsync(client, () => transmitter.OutstandingCount == 0, "both SETs are acknowledged");

        sink.Accepted.Select(t => t.JwtId).Should().BeEquivalentTo(jtis);
        sink.Accepted.Should().OnlyContain(t => t.Algorithm == alg);
        transmitter.Acknowledged.Distinct().Should().BeEquivalentTo(jtis, "a request cancelled before its answer arrived is acknowledged again");
        transmitter.Errors.Should().BeEmpty();
    }
}
