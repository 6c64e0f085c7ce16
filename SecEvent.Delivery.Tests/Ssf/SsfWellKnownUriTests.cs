using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Ssf;
using SecEvent.Delivery.Tests.Push;

namespace SecEvent.Delivery.Tests.Ssf;

/// <summary>The configuration URL (OpenID SSF 1.0 §7.2.1–7.2.2, SSF-18, SSF-19) against figures 16–18 and edge cases.</summary>
public class SsfWellKnownUriTests
{
    [TestCase("ssf-fig16-config-request", "https://tr.example.com")]
    [TestCase("ssf-fig17-config-request-with-path", "https://tr.example.com/issuer1")]
    public void SSF_18_ConfigurationUri_MatchesFigure(string vector, string issuer)
    {
        var data = PushTestKit.Vector(vector);
        var host = data.GetProperty("headers")[0][1].GetString();

        var uri = SsfDiscovery.GetConfigurationUri(new Uri(issuer));

        data.GetProperty("method").GetString().Should().Be("GET");
        uri.Host.Should().Be(host);
        uri.PathAndQuery.Should().Be(data.GetProperty("target").GetString());
    }

    [Test]
    public void SSF_19_LegacyRiscConfigurationUri_MatchesFigure18()
    {
        var data = PushTestKit.Vector("ssf-fig18-risc-config-request");

        var uri = SsfDiscovery.GetLegacyRiscConfigurationUri(new Uri("https://" + data.GetProperty("headers")[0][1].GetString()));

        uri.PathAndQuery.Should().Be(data.GetProperty("target").GetString());
    }

    [TestCase("https://tr.example.com/", "https://tr.example.com/.well-known/ssf-configuration")]
    [TestCase("https://tr.example.com/issuer1/", "https://tr.example.com/.well-known/ssf-configuration/issuer1")]
    [TestCase("https://tr.example.com/a/b/c", "https://tr.example.com/.well-known/ssf-configuration/a/b/c")]
    [TestCase("https://tr.example.com/a/b/c/", "https://tr.example.com/.well-known/ssf-configuration/a/b/c")]
    [TestCase("https://tr.example.com:8443/issuer1", "https://tr.example.com:8443/.well-known/ssf-configuration/issuer1")]
    [TestCase("http://127.0.0.1:5000", "http://127.0.0.1:5000/.well-known/ssf-configuration")]
    public void SSF_18_ConfigurationUri_InsertsSegmentBeforePathAfterTrimmingSlash(string issuer, string expected)
    {
        SsfDiscovery.GetConfigurationUri(new Uri(issuer)).AbsoluteUri.Should().Be(expected);
    }

    [TestCase("https://tr.example.com/issuer1?x=1")]
    [TestCase("https://tr.example.com/issuer1#frag")]
    public void SSF_18_ConfigurationUri_QueryOrFragment_Refused(string issuer)
    {
        var build = () => SsfDiscovery.GetConfigurationUri(new Uri(issuer));

        build.Should().Throw<ArgumentException>();
    }
}
