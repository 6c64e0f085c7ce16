using System.Net;
using System.Text.Json;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Events.Caep;

namespace SecEvent.Delivery.Tests.Ssf.Transmitter;

/// <summary>
/// SSF-26/27: transmitter-supplied members may be sent on update and replace, but must match; a mismatch is 400, and
/// <c>events_delivered</c> is compared with its value before the change.
/// </summary>
[TestFixture]
public sealed class OIDSSFTransmitterSuppliedMembersTest
{
    private const string Revoked = CaepEventTypes.SessionRevoked;
    private const string Credential = CaepEventTypes.CredentialChange;

    [TestCase("PATCH", "\"iss\":\"https://other-issuer.example.com\"")]
    [TestCase("PATCH", "\"aud\":\"https://b.example.com\"")]
    [TestCase("PATCH", "\"aud\":[\"https://a.example.com\",\"https://b.example.com\"]")]
    [TestCase("PATCH", "\"events_supported\":[\"" + Revoked + "\"]")]
    [TestCase("PATCH", "\"events_delivered\":[\"" + Credential + "\"]")]
    [TestCase("PATCH", "\"min_verification_interval\":5")]
    [TestCase("PUT", "\"iss\":\"https://other-issuer.example.com\"")]
    [TestCase("PUT", "\"events_delivered\":[\"" + Credential + "\"]")]
    public async Task SSF_26_27_MismatchedTransmitterMembersAnswer400(string method, string member)
    {
        await using var transmitter = await SsfTransmitterHost.StartAsync();
        var streamId = await transmitter.CreatePollStreamAsync(SsfTransmitterHost.ReceiverA);
        var before = await ReadAsync(transmitter, streamId);

        using var response = await transmitter.SendAsync(new HttpMethod(method), SsfTransmitterHost.ConfigurationPath, SsfTransmitterHost.ReceiverA, Change(streamId, [Credential], member));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ReadAsync(transmitter, streamId)).GetRawText().Should().Be(before.GetRawText());
    }

    [TestCase("PATCH")]
    [TestCase("PUT")]
    public async Task SSF_26_27_MatchingTransmitterMembersAreAccepted(string method)
    {
        await using var transmitter = await SsfTransmitterHost.StartAsync();
        var streamId = await transmitter.CreatePollStreamAsync(SsfTransmitterHost.ReceiverA);
        var before = await ReadAsync(transmitter, streamId);
        var members = string.Join(",", new[] { "iss", "aud", "events_supported", "events_delivered" }.Select(n => $"\"{n}\":{before.GetProperty(n).GetRawText()}"));

        using var response = await transmitter.SendAsync(new HttpMethod(method), SsfTransmitterHost.ConfigurationPath, SsfTransmitterHost.ReceiverA, Change(streamId, [Revoked, Credential], members));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var after = JsonElement.Parse(await response.Content.ReadAsStringAsync());
        after.GetProperty("events_delivered").EnumerateArray().Select(e => e.GetString()).Should().BeEquivalentTo([Revoked, Credential], "events_delivered matched the value before the update, and then changed");
    }

    [Test]
    public async Task SSF_24_CreateWithAnotherIssuerOrAudienceAnswers400()
    {
        await using var transmitter = await SsfTransmitterHost.StartAsync();

        foreach (var member in new[] { "\"iss\":\"https://other-issuer.example.com\"", "\"aud\":\"https://a.example.com\"", "\"events_delivered\":[\"" + Credential + "\"]" })
        {
            using var response = await transmitter.SendAsync(HttpMethod.Post, SsfTransmitterHost.ConfigurationPath, SsfTransmitterHost.ReceiverB, $$"""{"delivery":{"method":"urn:ietf:rfc:8936"},"events_requested":["{{Revoked}}"],{{member}}}""");

            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, member);
        }

        using var list = await transmitter.SendAsync(HttpMethod.Get, SsfTransmitterHost.ConfigurationPath, SsfTransmitterHost.ReceiverB);
        JsonElement.Parse(await list.Content.ReadAsStringAsync()).GetArrayLength().Should().Be(0, "no refused create made a stream");
    }

    private static string Change(string streamId, string[] events, string members) =>
        $$"""{"stream_id":"{{streamId}}","delivery":{"method":"urn:ietf:rfc:8936"},"events_requested":{{JsonSerializer.Serialize(events)}},{{members}}}""";

    private static async Task<JsonElement> ReadAsync(SsfTransmitterHost transmitter, string streamId)
    {
        using var response = await transmitter.SendAsync(HttpMethod.Get, SsfTransmitterHost.ConfigurationPath + "?stream_id=" + streamId, SsfTransmitterHost.ReceiverA);
        return JsonElement.Parse(await response.Content.ReadAsStringAsync());
    }
}
