using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Cli;

/// <summary><c>secevent push</c> against <c>secevent listen</c>, both in-process over real loopback HTTP (RFC 8935).</summary>
public class PushCommandTests
{
    private CliKeyRing _keys = null!;

    [OneTimeSetUp]
    public async Task CreateKeys() => _keys = await CliKeyRing.CreateAsync();

    [OneTimeTearDown]
    public void DeleteKeys() => _keys.Dispose();

    private static string Lines(int count) => string.Join('\n', Enumerable.Repeat(CliPayloads.Rfc8417, count)) + "\n";

    [Test]
    public async Task Push_PayloadLines_EachSignedDeliveredOnceAndCountedPUSH07()
    {
        await using var listener = await CliListener.StartAsync(["listen", "--port", "0", "--jwks", _keys.PublicKeys("ES256")]);

        var result = await CliRun.WithStdinAsync(Lines(5), "push", "--endpoint", listener.Address.ToString(), "--key", _keys.PrivateKey("ES256"), "--allow-http");
        var (_, received, _) = await listener.StopAsync();

        result.ExitCode.Should().Be(0, result.Stderr);
        Last(result).Should().Be("""{"delivered":5,"rejected":0,"failed":0}""");
        var payloads = received.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonElement.Parse(line)).ToArray();
        payloads.Should().HaveCount(5);
        payloads.Select(p => p.GetProperty("jti").GetString()).Should().OnlyHaveUniqueItems();
        payloads.Should().OnlyContain(p => p.GetProperty("iss").GetString() == Some.Issuer);
        result.Stderr.Should().Contain("5/5 done: 5 delivered").And.NotContain("eyJ", "no SET is printed");
    }

    [Test]
    public async Task Push_ReceiverRefusesTheCredential_RejectedReportedExitOnePUSH11()
    {
        await using var listener = await CliListener.StartAsync(["listen", "--port", "0", "--jwks", _keys.PublicKeys("ES256"), "--auth", "Bearer right"]);

        var result = await CliRun.WithStdinAsync(Lines(2), "push", "--endpoint", listener.Address.ToString(), "--key", _keys.PrivateKey("ES256"), "--allow-http", "--auth", "Bearer wrong");

        result.ExitCode.Should().Be(1);
        Last(result).Should().Be("""{"delivered":0,"rejected":2,"failed":0}""");
        result.Stderr.Should().Contain("rejected: authentication_failed").And.NotContain("Bearer");
    }

    [Test]
    public async Task Push_NobodyListening_FailedAfterTheMaximumAge()
    {
        var result = await CliRun.WithStdinAsync(Lines(2), "push", "--endpoint", RefusingAddress(), "--key", _keys.PrivateKey("ES256"), "--allow-http", "--max-age", "2s");

        result.ExitCode.Should().Be(1);
        Last(result).Should().Be("""{"delivered":0,"rejected":0,"failed":2}""");
        result.Stderr.Should().Contain("maximum age of 00:00:02");
    }

    [Test]
    public async Task Push_OneBadLine_NothingSentAndTheLineNamed()
    {
        await using var listener = await CliListener.StartAsync(["listen", "--port", "0", "--jwks", _keys.PublicKeys("ES256")]);

        var result = await CliRun.WithStdinAsync(CliPayloads.Rfc8417 + "\n{\"iss\":\n", "push", "--endpoint", listener.Address.ToString(), "--key", _keys.PrivateKey("ES256"), "--allow-http");
        var (_, received, _) = await listener.StopAsync();

        result.ExitCode.Should().Be(1);
        var error = JsonElement.Parse(Last(result));
        error.GetProperty("err").GetString().Should().Be("invalid_request");
        error.GetProperty("description").GetString().Should().StartWith("line 2: ");
        received.Should().BeEmpty("all lines are signed before any is queued");
    }

    [TestCase("--endpoint", "http://127.0.0.1:1/", "--key", "K")]
    [TestCase("--endpoint", "ftp://example.com/", "--key", "K", "--allow-http")]
    [TestCase("--key", "K")]
    [TestCase("--resume")]
    [TestCase("--resume", "--outbox", "x.db", "--key", "K")]
    [TestCase("--endpoint", "https://rp.example.com/", "--key", "K", "--max-age", "soon")]
    [TestCase("--endpoint", "https://rp.example.com/", "--key", "K", "--max-age", "0s")]
    public async Task Push_BadArguments_UsageError(params string[] arguments)
    {
        var args = arguments.Select(a => a == "K" ? _keys.PrivateKey("ES256") : a).Prepend("push").ToArray();

        var result = await CliRun.RunAsync(args);

        result.ExitCode.Should().Be(2, result.Stderr);
        result.Stdout.Should().BeEmpty();
    }

    internal static string Last(CliResult result) => result.Stdout.TrimEnd('\n').Split('\n')[^1];

    internal static string RefusingAddress()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return $"http://127.0.0.1:{port}/events";
    }
}
