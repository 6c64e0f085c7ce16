using System.Net;
using System.Net.Sockets;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Delivery.Ssf;

namespace SecEvent.Delivery.Tests.Ssf;

/// <summary>The SSRF checks on a receiver-supplied push <c>endpoint_url</c> (OpenID SSF 1.0 §8.1.1, SSF-16), without a network.</summary>
public class SsfEndpointUrlGuardTests
{
    private static readonly SsfEndpointUrlPolicy Default = new();

    [TestCase("0.0.0.0")]
    [TestCase("0.255.255.255")]
    [TestCase("10.0.0.0")]
    [TestCase("10.255.255.255")]
    [TestCase("100.64.0.0")]
    [TestCase("100.127.255.255")]
    [TestCase("100.100.100.200")]
    [TestCase("127.0.0.1")]
    [TestCase("127.255.255.254")]
    [TestCase("169.254.0.1")]
    [TestCase("169.254.169.254")]
    [TestCase("169.254.255.255")]
    [TestCase("172.16.0.0")]
    [TestCase("172.31.255.255")]
    [TestCase("192.0.0.170")]
    [TestCase("192.0.2.1")]
    [TestCase("192.88.99.1")]
    [TestCase("192.168.0.0")]
    [TestCase("192.168.255.255")]
    [TestCase("198.18.0.0")]
    [TestCase("198.19.255.255")]
    [TestCase("198.51.100.7")]
    [TestCase("203.0.113.9")]
    [TestCase("224.0.0.1")]
    [TestCase("239.255.255.255")]
    [TestCase("240.0.0.1")]
    [TestCase("255.255.255.254")]
    [TestCase("255.255.255.255")]
    [TestCase("::")]
    [TestCase("::1")]
    [TestCase("::ffff:127.0.0.1")]
    [TestCase("::ffff:10.1.2.3")]
    [TestCase("::ffff:169.254.169.254")]
    [TestCase("::ffff:0:127.0.0.1")]
    [TestCase("::127.0.0.1")]
    [TestCase("::10.0.0.1")]
    [TestCase("64:ff9b::127.0.0.1")]
    [TestCase("64:ff9b::a9fe:a9fe")]
    [TestCase("64:ff9b:1::a00:1")]
    [TestCase("2002:7f00:1::1")]
    [TestCase("2002:a9fe:a9fe::")]
    [TestCase("2002:c0a8:101::1")]
    [TestCase("fc00::1")]
    [TestCase("fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")]
    [TestCase("fd00:ec2::254")]
    [TestCase("fe80::1")]
    [TestCase("febf:ffff::1")]
    [TestCase("fec0::1")]
    [TestCase("ff02::1")]
    [TestCase("2001:db8::1")]
    [TestCase("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff")]
    [TestCase("2001:0:4136:e378:8000:63bf:3fff:fdd2")]
    [TestCase("3fff::1")]
    [TestCase("100::1")]
    [TestCase("4000::1")]
    public void SSF_16_IsAllowed_NonPublicAddress_Refused(string address)
    {
        SsfEndpointUrlGuard.IsAllowed(IPAddress.Parse(address), Default).Should().BeFalse();
    }

    [TestCase("1.1.1.1")]
    [TestCase("8.8.8.8")]
    [TestCase("9.255.255.255")]
    [TestCase("11.0.0.0")]
    [TestCase("100.63.255.255")]
    [TestCase("100.128.0.0")]
    [TestCase("126.255.255.255")]
    [TestCase("128.0.0.0")]
    [TestCase("169.253.255.255")]
    [TestCase("169.255.0.0")]
    [TestCase("172.15.255.255")]
    [TestCase("172.32.0.0")]
    [TestCase("192.0.1.255")]
    [TestCase("192.0.3.0")]
    [TestCase("192.167.255.255")]
    [TestCase("192.169.0.0")]
    [TestCase("198.17.255.255")]
    [TestCase("198.20.0.0")]
    [TestCase("198.51.99.255")]
    [TestCase("203.0.112.255")]
    [TestCase("203.0.114.0")]
    [TestCase("223.255.255.255")]
    [TestCase("2606:4700:4700::1111")]
    [TestCase("2001:4860:4860::8888")]
    [TestCase("2001:db7:ffff::1")]
    [TestCase("2001:db9::1")]
    [TestCase("::ffff:8.8.8.8")]
    [TestCase("64:ff9b::808:808")]
    [TestCase("2002:808:808::1")]
    public void SSF_16_IsAllowed_PublicAddress_Admitted(string address)
    {
        SsfEndpointUrlGuard.IsAllowed(IPAddress.Parse(address), Default).Should().BeTrue();
    }

    [TestCase("127.0.0.1", true, false, false)]
    [TestCase("::1", true, false, false)]
    [TestCase("::ffff:127.0.0.1", true, false, false)]
    [TestCase("10.0.0.5", false, true, false)]
    [TestCase("172.20.1.1", false, true, false)]
    [TestCase("192.168.1.1", false, true, false)]
    [TestCase("100.64.0.1", false, true, false)]
    [TestCase("fd12:3456::1", false, true, false)]
    [TestCase("169.254.10.10", false, false, true)]
    [TestCase("fe80::1", false, false, true)]
    public void SSF_16_IsAllowed_EachCategoryAdmitsOnlyItsOwnRanges(string address, bool loopback, bool privateNetwork, bool linkLocal)
    {
        var ip = IPAddress.Parse(address);

        SsfEndpointUrlGuard.IsAllowed(ip, new SsfEndpointUrlPolicy { AllowLoopback = true }).Should().Be(loopback);
        SsfEndpointUrlGuard.IsAllowed(ip, new SsfEndpointUrlPolicy { AllowPrivateNetworks = true }).Should().Be(privateNetwork);
        SsfEndpointUrlGuard.IsAllowed(ip, new SsfEndpointUrlPolicy { AllowLinkLocal = true }).Should().Be(linkLocal);
    }

    [TestCase("169.254.169.254")]
    [TestCase("fd00:ec2::254")]
    [TestCase("100.100.100.200")]
    [TestCase("0.0.0.0")]
    [TestCase("::")]
    [TestCase("224.0.0.1")]
    [TestCase("255.255.255.255")]
    [TestCase("192.0.2.1")]
    public void SSF_16_IsAllowed_AlwaysRefusedRanges_RefusedUnderThePermissivePolicy(string address)
    {
        var everything = new SsfEndpointUrlPolicy { AllowHttp = true, AllowLoopback = true, AllowPrivateNetworks = true, AllowLinkLocal = true };

        SsfEndpointUrlGuard.IsAllowed(IPAddress.Parse(address), everything).Should().BeFalse();
    }

    [TestCase("https://receiver.example.com/events")]
    [TestCase("https://receiver.example.com:8443/events?stream=1")]
    [TestCase("https://RECEIVER.example.com./events")]
    [TestCase("https://8.8.8.8/events")]
    [TestCase("https://[2606:4700:4700::1111]/events")]
    public void SSF_16_Check_PublicHttpsUrl_Passes(string url)
    {
        SsfEndpointUrlGuard.Check(url, Default).Should().BeNull();
    }

    [TestCase("http://receiver.example.com/events", "https")]
    [TestCase("ftp://receiver.example.com/events", "https")]
    [TestCase("file:///etc/passwd", "https")]
    [TestCase("/etc/passwd", "https")]
    [TestCase("receiver.example.com/events", "absolute")]
    [TestCase("", "absolute")]
    [TestCase("https://", "absolute")]
    [TestCase("https://user:secret@receiver.example.com/events", "user information")]
    [TestCase("https://user@receiver.example.com/events", "user information")]
    [TestCase("https://@receiver.example.com/events", "user information")]
    [TestCase("https://receiver.example.com/events#x", "fragment")]
    [TestCase("https://receiver.example.com/events#", "fragment")]
    [TestCase("https://localhost/events", "local machine")]
    [TestCase("https://LOCALHOST./events", "local machine")]
    [TestCase("https://api.localhost/events", "local machine")]
    [TestCase("https://ｌｏｃａｌｈｏｓｔ/events", "local machine")]
    [TestCase("https://metadata/computeMetadata/v1/", "metadata")]
    [TestCase("https://metadata.google.internal/computeMetadata/v1/", "metadata")]
    [TestCase("https://127.0.0.1/", "loopback")]
    [TestCase("https://127.1/", "loopback")]
    [TestCase("https://2130706433/", "loopback")]
    [TestCase("https://0x7f.1/", "loopback")]
    [TestCase("https://0x7f000001/", "loopback")]
    [TestCase("https://0177.0.0.1/", "loopback")]
    [TestCase("https://[::1]/", "loopback")]
    [TestCase("https://[::ffff:127.0.0.1]/", "loopback")]
    [TestCase("https://[::ffff:7f00:1]/", "loopback")]
    [TestCase("https://[0:0:0:0:0:ffff:127.0.0.1]/", "loopback")]
    [TestCase("https://[::]/", "unspecified")]
    [TestCase("https://0.0.0.0/", "unspecified")]
    [TestCase("https://0/", "unspecified")]
    [TestCase("https://169.254.169.254/latest/meta-data/", "cloud metadata")]
    [TestCase("https://2852039166/latest/meta-data/", "cloud metadata")]
    [TestCase("https://[fd00:ec2::254]/latest/meta-data/", "cloud metadata")]
    [TestCase("https://[::ffff:169.254.169.254]/", "cloud metadata")]
    [TestCase("https://10.0.0.5/", "private")]
    [TestCase("https://012.0.0.5/", "private")]
    [TestCase("https://[fe80::1%25eth0]/", "link-local")]
    [TestCase("https://255.255.255.255/", "broadcast")]
    public void SSF_16_Check_RefusedUrl_SaysWhy(string url, string reason)
    {
        SsfEndpointUrlGuard.Check(url, Default).Should().Contain(reason);
    }

    [Test]
    public void SSF_16_Check_Reason_CarriesNoMoreOfTheUrlThanTheHost()
    {
        var reason = SsfEndpointUrlGuard.Check("https://user:s3cret@10.0.0.5/hook/token-abc?key=k1", Default);
        var refused = SsfEndpointUrlGuard.Check("https://10.0.0.5/hook/token-abc?key=k1", Default);

        reason.Should().NotContain("s3cret").And.NotContain("user:");
        refused.Should().Contain("10.0.0.5").And.NotContain("token-abc").And.NotContain("k1");
    }

    [Test]
    public void SSF_16_Check_HttpWithAllowHttp_Passes()
    {
        SsfEndpointUrlGuard.Check("http://receiver.example.com/events", new SsfEndpointUrlPolicy { AllowHttp = true }).Should().BeNull();
    }

    [TestCase("https://localhost/events")]
    [TestCase("https://127.0.0.1/events")]
    [TestCase("https://[::1]/events")]
    public void SSF_16_Check_LoopbackWithAllowLoopback_Passes(string url)
    {
        SsfEndpointUrlGuard.Check(url, new SsfEndpointUrlPolicy { AllowLoopback = true }).Should().BeNull();
    }

    [TestCase("https://metadata.google.internal/", "metadata.google.internal")]
    [TestCase("https://10.0.0.5/", "10.0.0.5")]
    [TestCase("https://receiver.corp.example/", "Receiver.Corp.Example.")]
    [TestCase("https://[fd00::5]/", "[fd00::5]")]
    public void SSF_16_Check_AllowedHost_SkipsAddressAndNameChecks(string url, string allowed)
    {
        var policy = new SsfEndpointUrlPolicy { AllowedHosts = { allowed } };

        SsfEndpointUrlGuard.Check(url, policy).Should().BeNull();
    }

    [Test]
    public void SSF_16_Check_AllowedHost_IsExactNotASuffix()
    {
        var policy = new SsfEndpointUrlPolicy { AllowedHosts = { "corp.example", "localhost" } };

        SsfEndpointUrlGuard.Check("https://api.localhost/", policy).Should().Contain("local machine");
        SsfEndpointUrlGuard.Check("http://localhost/", policy).Should().Contain("https");
    }

    [Test]
    public async Task SSF_16_CheckAsync_AllAddressesPublic_Passes()
    {
        var reason = await SsfEndpointUrlGuard.CheckAsync("https://receiver.example.com/events", Default, Resolver("93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"));

        reason.Should().BeNull();
    }

    [TestCase("10.0.0.5", "private")]
    [TestCase("127.0.0.1", "loopback")]
    [TestCase("169.254.169.254", "cloud metadata")]
    [TestCase("::ffff:192.168.1.1", "private")]
    [TestCase("fe80::1", "link-local")]
    public async Task SSF_16_CheckAsync_MixedPublicAndRefusedAddresses_Refused(string refused, string reason)
    {
        var answer = await SsfEndpointUrlGuard.CheckAsync("https://receiver.example.com/events", Default, Resolver("93.184.215.14", refused, "8.8.8.8"));

        answer.Should().Contain("receiver.example.com").And.Contain(reason).And.NotContain(refused);
    }

    [Test]
    public async Task SSF_16_CheckAsync_PrivateAddressWithAllowPrivateNetworks_Passes()
    {
        var policy = new SsfEndpointUrlPolicy { AllowPrivateNetworks = true };

        var reason = await SsfEndpointUrlGuard.CheckAsync("https://receiver.corp.example/events", policy, Resolver("93.184.215.14", "10.0.0.5"));

        reason.Should().BeNull();
    }

    [Test]
    public async Task SSF_16_CheckAsync_NoAddresses_Refused()
    {
        var reason = await SsfEndpointUrlGuard.CheckAsync("https://receiver.example.com/events", Default, Resolver());

        reason.Should().Contain("does not resolve");
    }

    [Test]
    public async Task SSF_16_CheckAsync_ResolverFails_RefusedNotThrown()
    {
        var reason = await SsfEndpointUrlGuard.CheckAsync(
            "https://receiver.example.com/events",
            Default,
            (_, _) => throw new SocketException((int)SocketError.HostNotFound));

        reason.Should().Contain("does not resolve");
    }

    [Test]
    public async Task SSF_16_CheckAsync_SyntacticRefusal_DoesNotResolve()
    {
        var asked = 0;

        var reason = await SsfEndpointUrlGuard.CheckAsync("http://receiver.example.com/", Default, (_, _) =>
        {
            asked++;
            return ValueTask.FromResult(new[] { IPAddress.Parse("8.8.8.8") });
        });

        reason.Should().Contain("https");
        asked.Should().Be(0);
    }

    [TestCase("https://10.0.0.5/")]
    [TestCase("https://receiver.corp.example/")]
    public async Task SSF_16_CheckAsync_AllowedHostOrIpLiteral_NotResolved(string url)
    {
        var asked = 0;
        var policy = new SsfEndpointUrlPolicy { AllowedHosts = { "receiver.corp.example", "10.0.0.5" } };

        var reason = await SsfEndpointUrlGuard.CheckAsync(url, policy, (_, _) =>
        {
            asked++;
            return ValueTask.FromResult(new[] { IPAddress.Loopback });
        });

        reason.Should().BeNull();
        asked.Should().Be(0);
    }

    [Test]
    public async Task SSF_16_CheckAsync_Cancelled_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var check = async () => await SsfEndpointUrlGuard.CheckAsync(
            "https://receiver.example.com/",
            Default,
            (_, token) => ValueTask.FromCanceled<IPAddress[]>(token),
            cancelled.Token);

        await check.Should().ThrowAsync<OperationCanceledException>();
    }

    [Test]
    public void SSF_16_Check_NullArguments_Throw()
    {
        var noUrl = () => SsfEndpointUrlGuard.Check(null!, Default);
        var noPolicy = () => SsfEndpointUrlGuard.Check("https://receiver.example.com/", null!);

        noUrl.Should().Throw<ArgumentNullException>();
        noPolicy.Should().Throw<ArgumentNullException>();
    }

    internal static Func<string, CancellationToken, ValueTask<IPAddress[]>> Resolver(params string[] addresses) =>
        (_, _) => ValueTask.FromResult(Array.ConvertAll(addresses, IPAddress.Parse));
}
