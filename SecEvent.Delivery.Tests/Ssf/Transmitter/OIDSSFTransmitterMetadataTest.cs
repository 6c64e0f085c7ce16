using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Ssf;

namespace SecEvent.Delivery.Tests.Ssf.Transmitter;

/// <summary>The conformance suite's transmitter metadata module: discovery of a transmitter served on Kestrel.</summary>
[TestFixture]
public sealed class OIDSSFTransmitterMetadataTest
{
    [Test]
    public async Task SSF_18_21_DiscoveryOfTheTransmitterSucceedsAndDescribesIt()
    {
        await using var transmitter = await SsfTransmitterHost.StartAsync();
        using var http = Push.PushTestKit.NewHttpClient();
        var discovery = new SsfDiscovery(http, new SsfDiscoveryOptions { AllowHttp = true });

        var metadata = await discovery.DiscoverAsync(new Uri(transmitter.Issuer));

        metadata.Issuer.Should().Be(transmitter.Issuer);
        metadata.SpecVersion.Should().Be("1_0");
        metadata.JwksUri.Should().Be(transmitter.Issuer + "/jwks");
        metadata.ConfigurationEndpoint.Should().Be(transmitter.Issuer + SsfTransmitterHost.ConfigurationPath);
        metadata.StatusEndpoint.Should().Be(transmitter.Issuer + SsfTransmitterHost.StatusPath);
        metadata.AddSubjectEndpoint.Should().Be(transmitter.Issuer + SsfTransmitterHost.AddSubjectPath);
        metadata.RemoveSubjectEndpoint.Should().Be(transmitter.Issuer + SsfTransmitterHost.RemoveSubjectPath);
        metadata.VerificationEndpoint.Should().Be(transmitter.Issuer + SsfTransmitterHost.VerificationPath);
        metadata.DeliveryMethodsSupported.Should().BeEquivalentTo([SsfDeliveryMethods.Push, SsfDeliveryMethods.Poll]);
        metadata.DefaultSubjects.Should().Be("NONE");
        metadata.AuthorizationSchemes.Should().ContainSingle().Which.SpecUrn.Should().Be(SsfAuthorizationScheme.OAuth);
    }

    [Test]
    public async Task SSF_20_EmptyListsAreLeftOutOfTheDocument()
    {
        await using var transmitter = await SsfTransmitterHost.StartAsync(o => o.AuthorizationSchemes.Clear());
        using var response = await transmitter.SendAsync(HttpMethod.Get, "/.well-known/ssf-configuration", credential: null);

        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        var json = System.Text.Json.JsonElement.Parse(await response.Content.ReadAsStringAsync());
        json.TryGetProperty("authorization_schemes", out _).Should().BeFalse();
        json.TryGetProperty("critical_subject_members", out _).Should().BeFalse();
        json.GetProperty("default_subjects").GetString().Should().Be("NONE");
    }

    [Test]
    public async Task SSF_21_TheIssuerIsTheUrlDiscoveryFetchedAndTheIssOfStreams()
    {
        await using var transmitter = await SsfTransmitterHost.StartAsync();
        await using var receiver = await SsfReceiverHost.StartAsync(transmitter);

        var stream = await receiver.Client.CreateStreamAsync(SsfReceiverHost.PollStream());

        receiver.Client.Metadata.Issuer.Should().Be(transmitter.Issuer);
        stream.Issuer.Should().Be(transmitter.Issuer);
    }
}
