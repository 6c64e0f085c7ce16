using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Cli;
using SecEvent.Delivery.Outbox;
using SecEvent.Delivery.Poll;
using SecEvent.Delivery.Tests.Poll;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Cli;

/// <summary>
/// <c>secevent poll</c> in-process against a real <see cref="PollTransmitter"/> on loopback Kestrel (RFC 8936): what it
/// prints, what reaches the transmitter, and how it ends.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class PollCommandTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private string _folder = null!;
    private string _key = null!;
    private string _jwks = null!;
    private string _otherKey = null!;

    [OneTimeSetUp]
    public async Task CreateKeys()
    {
        _folder = Directory.CreateTempSubdirectory("secevent-poll-").FullName;
        _key = Path.Combine(_folder, "es256.private.jwk");
        _jwks = Path.Combine(_folder, "es256.public.jwks");
        _otherKey = Path.Combine(_folder, "other.private.jwk");
        (await CliRun.RunAsync("keygen", "--alg", "ES256", "--out", _key, "--jwks", _jwks)).ExitCode.Should().Be(0);
        (await CliRun.RunAsync("keygen", "--alg", "ES256", "--out", _otherKey, "--jwks", Path.Combine(_folder, "other.public.jwks"))).ExitCode.Should().Be(0);
    }

    [OneTimeTearDown]
    public void DeleteKeys() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task POLL_05_Poll_CountThreeOfFive_ThreeClaimsLinesPrintedAndAcknowledged_TwoLeftForLater()
    {
        await using var host = await StartHostAsync(o => o.RedeliveryDelay = TimeSpan.FromSeconds(1));
        var sets = await SignAsync("five-1", "five-2", "five-3", "five-4", "five-5");
        await host.PublishAsync([.. sets.Values]);

        var result = await PollAsync(host, "--count", "3");

        result.ExitCode.Should().Be(0, result.Stderr);
        var printed = PrintedJtis(result, sets);
        printed.Should().HaveCount(3).And.OnlyHaveUniqueItems();
        result.Stderr.Should().Contain("stopped after 3 SET(s)").And.NotContain("eyJ", "no SET is printed on stderr");
        var final = host.Exchanges.Last();
        final.IsAcknowledgeOnly.Should().BeTrue("the run ends with an acknowledge-only request (POLL-07): {0}", final.RequestBody);
        final.Acks.Should().BeEquivalentTo(printed);
        (await host.PendingAsync()).Should().Be(2, "the printed SETs are acknowledged, the other two are not");

        // The two left over are offered again once their lease ends.
        var rest = await PollAsync(host, "--count", "2");

        rest.ExitCode.Should().Be(0, rest.Stderr);
        PrintedJtis(rest, sets).Should().BeEquivalentTo(sets.Keys.Except(printed));
        (await host.PendingAsync()).Should().Be(0);
    }

    [Test]
    public async Task POLL_05_Poll_StdoutClosedAfterTwoLines_TheSetNotPrintedIsNotAcknowledged()
    {
        await using var host = await StartHostAsync(o => o.RedeliveryDelay = TimeSpan.FromMinutes(10));
        var sets = await SignAsync("pipe-1", "pipe-2", "pipe-3", "pipe-4");
        await host.PublishAsync([.. sets.Values]);
        using var stdout = new ClosingWriter(linesBeforeClosing: 2);
        using var stderr = new StringWriter();

        var code = await SecEventCli.RunAsync(Args(host, "--max-events", "10"), new StringReader(""), stdout, stderr, new ManualTimeProvider(Some.Now))
            .WaitAsync(Patience);

        code.Should().Be(1, stderr.ToString());
        stderr.ToString().Should().Contain("stdout closed after 2 SET(s)");
        var acknowledged = host.Exchanges.SelectMany(e => e.Acks).Distinct().ToList();
        acknowledged.Should().HaveCount(2, "only the two SETs that were printed are acknowledged");
        (await host.PendingAsync()).Should().Be(2, "the SET whose line could not be written, and the one after it, stay with the transmitter");
    }

    /// <summary>A stdout whose reader goes away after some lines, as a pipe into <c>head</c> does.</summary>
    private sealed class ClosingWriter(int linesBeforeClosing) : StringWriter
    {
        private int _lines;

        public override void WriteLine(string? value)
        {
            if (_lines++ >= linesBeforeClosing)
            {
                throw new IOException("Broken pipe");
            }

            base.WriteLine(value);
        }
    }

    [Test]
    public async Task POLL_07_Poll_Cancelled_ExitsZeroAfterTheFinalAcknowledgeOnlyRequest()
    {
        // The poll that carries the acknowledgements is held until the run is cancelled, so they are still owed then.
        await using var host = await StartHostAsync(o =>
        {
            o.LongPollTimeout = TimeSpan.FromMinutes(10);
            o.RecheckInterval = TimeSpan.FromMinutes(10);
        });
        var sets = await SignAsync("stop-1", "stop-2");
        await host.PublishAsync([.. sets.Values]);

        await using var run = Background.Start(Args(host));
        await run.WaitForLinesAsync(2);
        var (exitCode, stdout, stderr) = await run.StopAsync();

        exitCode.Should().Be(0, stderr);
        PrintedJtis(new CliResult(exitCode, stdout, stderr), sets).Should().BeEquivalentTo(sets.Keys);
        stderr.Should().Contain("stopped after 2 SET(s)");
        host.Exchanges.Should().ContainSingle(e => e.IsAcknowledgeOnly)
            .Which.Should().Match<PollExchange>(e => e.Fate == PollExchangeFate.Answered && e.Acks.Count == 2);
        (await host.PendingAsync()).Should().Be(0, "the printed SETs are acknowledged");
    }

    [Test]
    public async Task POLL_08_Poll_SetSignedWithAnotherKey_NotPrintedAndReportedAsInvalidKey()
    {
        await using var host = await StartHostAsync();
        var valid = await SignAsync("valid-1", "valid-2");
        var forged = (await CliRun.WithStdinAsync(Payload("forged"), "sign", "--key", _otherKey)).Line;
        await host.PublishAsync([valid["valid-1"], forged, valid["valid-2"]]);

        var result = await PollAsync(host, "--count", "2");

        result.ExitCode.Should().Be(0, result.Stderr);
        PrintedJtis(result, valid).Should().Equal("valid-1", "valid-2");
        result.Stdout.Should().NotContain("forged");
        var report = host.Exchanges.Should().ContainSingle(e => e.SetErrs.Count > 0).Subject;
        report.SetErrs.Should().Equal(new Dictionary<string, string> { ["forged"] = "invalid_key" });
        report.ContentLanguage.Should().Be("en");
        (await host.Queue.ListDeadLettersAsync(10)).Should().ContainSingle()
            .Which.Should().Match<OutboxDeadLetter>(d => d.Jti == "forged" && d.Reason.StartsWith("invalid_key: ", StringComparison.Ordinal));
        host.ReportedErrors.Should().ContainSingle().Which.Errors["forged"].Code.Should().Be("invalid_key");
        (await host.PendingAsync()).Should().Be(0);
    }

    [Test]
    public async Task POLL_04_Poll_StateFile_SecondRunAcknowledgesWhatTheFirstPrintedWithoutPrintingItAgain()
    {
        await using var host = await StartHostAsync(o => o.RedeliveryDelay = TimeSpan.FromSeconds(1));
        var sets = await SignAsync("state-1", "state-2", "state-3");
        await host.PublishAsync([.. sets.Values]);
        var state = Path.Combine(_folder, $"state-{Guid.NewGuid():N}.db");

        // Run 1 prints the SETs; every request that would acknowledge them is cut off.
        host.DropAcknowledgements = true;
        var first = await PollAsync(host, "--count", "3", "--state", state);

        first.ExitCode.Should().Be(0, first.Stderr);
        PrintedJtis(first, sets).Should().BeEquivalentTo(sets.Keys);
        (await host.PendingAsync()).Should().Be(3, "no acknowledgement of run 1 arrived");

        // Run 2 finds them in the state file when they are offered again: acknowledged, not printed.
        host.DropAcknowledgements = false;
        var offeredBefore = host.Delivered().Count;
        await using (var run = Background.Start([.. Args(host), "--state", state]))
        {
            await run.WaitForAsync(async () => await host.PendingAsync() == 0, "run 2 acknowledges the SETs offered again");
            var (exitCode, stdout, stderr) = await run.StopAsync();

            exitCode.Should().Be(0, stderr);
            stdout.Should().BeEmpty("what run 1 printed is not printed again");
        }

        host.Delivered().Skip(offeredBefore).Should().Contain(sets.Keys, "the SETs were offered again to run 2");
    }

    [Test]
    public async Task POLL_12_Poll_TransmitterRequiresAuthorization_RefusedWithoutAuthAndServedWithIt()
    {
        const string Credential = "Bearer s3cret-poll";
        await using var host = await StartHostAsync(o => o.AuthorizeReceiver = (request, _) => ValueTask.FromResult(
            request.Authorization == Credential ? PollAuthorizationResult.Allowed : PollAuthorizationResult.AuthenticationFailed("A valid bearer token is required.")));
        var sets = await SignAsync("auth-1");
        await host.PublishAsync([.. sets.Values]);

        var refused = await PollAsync(host);

        refused.ExitCode.Should().Be(1, refused.Stderr);
        refused.Stdout.Should().BeEmpty();
        refused.Stderr.Should().Contain("refused the poll with 401").And.Contain("WWW-Authenticate: Bearer");

        var served = await PollAsync(host, "--count", "1", "--auth", Credential);

        served.ExitCode.Should().Be(0, served.Stderr);
        PrintedJtis(served, sets).Should().Equal("auth-1");
        served.Stderr.Should().NotContain("s3cret");
        host.Exchanges.Where(e => e.Authorization is not null).Should().OnlyContain(e => e.Authorization == Credential);
        (await host.PendingAsync()).Should().Be(0);
    }

    [Test]
    public async Task POLL_01_Poll_IssuerAndAudienceChecked_MaxEventsSentInEveryPoll()
    {
        await using var host = await StartHostAsync();
        var strangerIssuer = (await CliRun.WithStdinAsync(Payload("stranger-iss", issuer: "https://stranger.example.com"), "sign", "--key", _key)).Line;
        var strangerAudience = (await CliRun.WithStdinAsync(Payload("stranger-aud", audience: "https://someone-else.example.com"), "sign", "--key", _key)).Line;
        var good = await SignAsync("good");
        await host.PublishAsync([strangerIssuer, strangerAudience, good["good"]]);

        var result = await PollAsync(host, "--iss", Some.Issuer, "--aud", Some.Audience, "--max-events", "2", "--count", "1");

        result.ExitCode.Should().Be(0, result.Stderr);
        PrintedJtis(result, good).Should().Equal("good");
        var polls = host.Exchanges.Where(e => !e.IsAcknowledgeOnly).ToList();
        polls.Should().HaveCountGreaterThanOrEqualTo(2).And.OnlyContain(e => e.MaxEvents == 2, "--max-events is sent as maxEvents");
        polls[0].Offered.Should().HaveCount(2);
        polls[0].MoreAvailable.Should().BeTrue();
        var dead = (await host.Queue.ListDeadLettersAsync(10)).ToDictionary(d => d.Jti!, d => d.Reason);
        dead.Should().HaveCount(2);
        dead["stranger-iss"].Should().StartWith("invalid_issuer: ");
        dead["stranger-aud"].Should().StartWith("invalid_audience: ");
        (await host.PendingAsync()).Should().Be(0);
    }

    [TestCase("--endpoint", "http://127.0.0.1:9/poll", "--jwks", "J")]
    [TestCase("--endpoint", "ftp://example.com/poll", "--jwks", "J", "--allow-http")]
    [TestCase("--jwks", "J")]
    [TestCase("--endpoint", "E", "--allow-http")]
    [TestCase("--endpoint", "E", "--jwks", "J", "--allow-http", "--count", "0")]
    [TestCase("--endpoint", "E", "--jwks", "J", "--allow-http", "--max-events", "-1")]
    [TestCase("--endpoint", "E", "--jwks", "J", "--allow-http", "--max-events", "0")]
    [TestCase("--endpoint", "E", "--jwks", "MISSING", "--allow-http")]
    [TestCase("--endpoint", "E", "--jwks", "NOT-JSON", "--allow-http")]
    public async Task Poll_BadArguments_UsageError(params string[] arguments)
    {
        var folder = new TempFolder();
        try
        {
            var args = arguments.Select(a => a switch
            {
                "J" => _jwks,
                "E" => RefusingAddress(),
                "MISSING" => folder.File("missing.jwks"),
                "NOT-JSON" => folder.Write("not-json.jwks", "keys: none"),
                _ => a,
            }).Prepend("poll").ToArray();

            var result = await CliRun.RunAsync(args).WaitAsync(Patience);

            result.ExitCode.Should().Be(2, result.Stderr);
            result.Stdout.Should().BeEmpty();
            result.Stderr.Should().StartWith("secevent: ");
        }
        finally
        {
            folder.Dispose();
        }
    }

    [Test]
    public async Task Poll_StateFileNotADatabase_UsageErrorNamesTheFile()
    {
        using var folder = new TempFolder();
        var state = folder.Write("state.db", "plain text, not SQLite\n");

        var result = await CliRun.RunAsync("poll", "--endpoint", RefusingAddress(), "--jwks", _jwks, "--allow-http", "--state", state).WaitAsync(Patience);

        result.ExitCode.Should().Be(2, result.Stderr);
        result.Stderr.Should().Contain("cannot open the state file").And.Contain(state);
    }

    [Test]
    public async Task Poll_NobodyListening_ExitOneOnceTheRetriesGiveUp()
    {
        // Six connection failures in a row, with backoff of about 1, 2, 4, 5 and 5 seconds between them.
        var result = await CliRun.RunAsync("poll", "--endpoint", RefusingAddress(), "--jwks", _jwks, "--allow-http").WaitAsync(TimeSpan.FromMinutes(3));

        result.ExitCode.Should().Be(1, result.Stderr);
        result.Stdout.Should().BeEmpty();
        result.Stderr.Should().Contain("polling stopped after 0 SET(s)").And.Contain("failed 6 time(s) in a row");
        Regex.Matches(result.Stderr, "secevent: warning: .*polling again").Should().HaveCount(5, "each retry is told on stderr:\n" + result.Stderr);
    }

    private static Task<PollEndToEndHost> StartHostAsync(Action<PollTransmitterOptions>? configure = null) =>
        PollEndToEndHost.StartAsync(new InMemorySecurityEventOutbox(TimeProvider.System), configure);

    private string[] Args(PollEndToEndHost host, params string[] more) =>
        ["poll", "--endpoint", host.StreamUri().ToString(), "--jwks", _jwks, "--allow-http", .. more];

    private Task<CliResult> PollAsync(PollEndToEndHost host, params string[] more) => CliRun.RunAsync(Args(host, more)).WaitAsync(Patience);

    private static string Payload(string jti, string issuer = Some.Issuer, string audience = Some.Audience) =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["iss"] = issuer,
            ["aud"] = audience,
            ["jti"] = jti,
            ["events"] = new Dictionary<string, object> { [Some.EventType] = new Dictionary<string, object> { ["reason"] = "test" } },
        });

    /// <summary>Signs one SET per <c>jti</c> with <c>secevent sign</c>; returns them by <c>jti</c>.</summary>
    private async Task<Dictionary<string, string>> SignAsync(params string[] jtis)
    {
        var sets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var jti in jtis)
        {
            var signed = await CliRun.WithStdinAsync(Payload(jti), "sign", "--key", _key);
            signed.ExitCode.Should().Be(0, signed.Stderr);
            sets[jti] = signed.Line;
        }

        return sets;
    }

    /// <summary>The <c>jti</c>s of the printed lines, each checked to be exactly the claims of the SET published under it.</summary>
    private static List<string> PrintedJtis(CliResult result, Dictionary<string, string> sets)
    {
        var jtis = new List<string>();
        foreach (var line in result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var claims = JsonElement.Parse(line);
            var jti = claims.GetProperty("jti").GetString()!;
            sets.Should().ContainKey(jti);
            JsonElement.DeepEquals(claims, JsonElement.Parse(RawToken.Decode(sets[jti].Split('.')[1]))).Should().BeTrue("the line is the SET's claims: {0}", line);
            jtis.Add(jti);
        }

        return jtis;
    }

    private static string RefusingAddress()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return $"http://127.0.0.1:{port}/poll";
    }

    /// <summary><c>secevent poll</c> running until cancelled, as Ctrl+C cancels it.</summary>
    private sealed class Background : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly StringWriter _stdout = new();
        private readonly StringWriter _stderr = new();
        private readonly TextWriter _sharedStdout;
        private readonly TextWriter _sharedStderr;
        private Task<int> _run = Task.FromResult(0);

        private Background()
        {
            // A synchronized writer locks on itself: reading under the same lock sees whole lines.
            _sharedStdout = TextWriter.Synchronized(_stdout);
            _sharedStderr = TextWriter.Synchronized(_stderr);
        }

        public static Background Start(string[] args)
        {
            var background = new Background();
            background._run = SecEventCli.RunAsync(args, new StringReader(""), background._sharedStdout, background._sharedStderr, new ManualTimeProvider(Some.Now), background._stop.Token);
            return background;
        }

        public Task WaitForLinesAsync(int count) =>
            WaitForAsync(() => Task.FromResult(Stdout().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length >= count), $"{count} line(s) printed");

        public async Task WaitForAsync(Func<Task<bool>> condition, string because)
        {
            var started = Stopwatch.GetTimestamp();
            while (!await condition())
            {
                if (_run.IsCompleted)
                {
                    Assert.Fail($"The run ended with {await _run} before: {because}. stderr: {Stderr()}");
                }

                if (Stopwatch.GetElapsedTime(started) > Patience)
                {
                    Assert.Fail($"Timed out waiting: {because}. stderr: {Stderr()}");
                }

                await Task.Delay(20);
            }
        }

        public async Task<(int ExitCode, string Stdout, string Stderr)> StopAsync()
        {
            await _stop.CancelAsync();
            var code = await _run.WaitAsync(Patience);
            return (code, Stdout(), Stderr());
        }

        public async ValueTask DisposeAsync()
        {
            if (!_stop.IsCancellationRequested)
            {
                await _stop.CancelAsync();
                await _run.WaitAsync(Patience).ContinueWith(_ => { }, TaskScheduler.Default);
            }

            _stop.Dispose();
        }

        private string Stdout()
        {
            lock (_sharedStdout)
            {
                return _stdout.ToString();
            }
        }

        private string Stderr()
        {
            lock (_sharedStderr)
            {
                return _stderr.ToString();
            }
        }
    }
}
