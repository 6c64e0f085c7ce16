using System.Collections.Concurrent;
using System.Diagnostics;
using FluentAssertions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using NUnit.Framework;
using SecEvent.Tokens.Tests.Support;
using SecEvent.Delivery.Push;

namespace SecEvent.Tokens.Tests.Cli;

/// <summary>
/// Assured delivery across a crash: <c>secevent push</c> runs as a child process from a SQLite outbox, is killed hard
/// mid-run, and is resumed; every SET arrives, and the receiver's sink sees each (<c>iss</c>, <c>jti</c>) exactly once.
/// </summary>
public class PushCommandCrashTests
{
    private const int SetCount = 400;

    [Test]
    [CancelAfter(240_000)]
    public async Task Push_KilledMidRunThenResumed_EverySetDeliveredAndProcessedOncePUSH04(CancellationToken cancellationToken)
    {
        using var keys = await CliKeyRing.CreateAsync();
        using var folder = new TempFolder();
        var sink = new ConcurrentDictionary<(string Issuer, string JwtId), int>();
        var requests = 0;
        await using var receiver = await StartReceiverAsync(keys.PublicKeys("ES256"), sink, () => Interlocked.Increment(ref requests));
        var input = folder.Write("in.jsonl", string.Join('\n', Enumerable.Repeat(CliPayloads.Rfc8417, SetCount)) + "\n");
        var outbox = folder.File("outbox.db");

        using (var first = StartCli("push", "--endpoint", receiver.Address, "--key", keys.PrivateKey("ES256"), "--allow-http", "--outbox", outbox, "--in", input))
        {
            var firstErrors = first.StandardError.ReadToEndAsync(cancellationToken); // Drained, so the child never blocks on it.
            while (sink.Count < SetCount / 4)
            {
                if (first.HasExited)
                {
                    Assert.Fail($"The first run ended by itself (exit {first.ExitCode}) before it was killed: {await firstErrors}");
                }

                await Task.Delay(5, cancellationToken);
            }

            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync(cancellationToken);
        }

        var beforeResume = sink.Count;
        using var resumed = StartCli("push", "--outbox", outbox, "--resume", "--endpoint", receiver.Address, "--allow-http");
        var stderrRead = resumed.StandardError.ReadToEndAsync(cancellationToken);
        var stdout = await resumed.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = await stderrRead;
        await resumed.WaitForExitAsync(cancellationToken);

        beforeResume.Should().BeLessThan(SetCount, "the first run was killed mid-run");
        resumed.ExitCode.Should().Be(0, stderr);
        sink.Should().HaveCount(SetCount, "every SET arrives");
        sink.Values.Should().OnlyContain(calls => calls == 1, "the sink sees each (iss, jti) once");
        var counts = System.Text.Json.JsonElement.Parse(stdout.TrimEnd().Split('\n')[^1]);
        counts.GetProperty("delivered").GetInt32().Should().BeInRange(SetCount - beforeResume, SetCount - beforeResume + 64,
            "the resumed run delivers what was left, and again what was in flight at the kill");
        TestContext.Out.WriteLine($"killed after {beforeResume} SETs reached the sink; {requests} requests in all for {SetCount} SETs");
    }

    private static Process StartCli(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "secevent.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }

    /// <summary>Our receiver with a sink that counts each (iss, jti) and takes a little time, as real processing would.</summary>
    private static async Task<Receiver> StartReceiverAsync(string jwksPath, ConcurrentDictionary<(string, string), int> sink, Action onRequest)
    {
        var receiver = new PushReceiver(
            new PushReceiverOptions
            {
                ValidationParameters = new SecurityEventTokenValidationParameters
                {
                    SigningKeySet = new JsonWebKeySet(await File.ReadAllTextAsync(jwksPath)),
                    ValidIssuers = [Some.Issuer],
                    ValidateAudience = false,
                },
            },
            async (set, cancellationToken) =>
            {
                await Task.Delay(1, cancellationToken);
                sink.AddOrUpdate((set.Issuer!, set.JwtId!), 1, (_, calls) => calls + 1);
            });
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(async http =>
        {
            onRequest();
            var response = await receiver.ReceiveAsync(new PushRequest
            {
                Method = http.Request.Method,
                ContentType = http.Request.ContentType,
                ContentLength = http.Request.ContentLength,
                Body = http.Request.Body,
            }, http.RequestAborted);
            http.Response.StatusCode = response.StatusCode;
            await http.Response.Body.WriteAsync(response.Body, http.RequestAborted);
        });
        await app.StartAsync();
        return new Receiver(app, app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/events");
    }

    private sealed record Receiver(WebApplication App, string Address) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => App.DisposeAsync();
    }
}
