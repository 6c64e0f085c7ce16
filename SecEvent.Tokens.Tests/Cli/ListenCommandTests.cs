using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using NUnit.Framework;
using SecEvent.Cli;
using SecEvent.Tokens.Tests.Support;

namespace SecEvent.Tokens.Tests.Cli;

/// <summary><c>secevent listen</c>: a real loopback push receiver (RFC 8935) driven in-process.</summary>
public class ListenCommandTests
{
    private CliKeyRing _keys = null!;

    [OneTimeSetUp]
    public async Task CreateKeys() => _keys = await CliKeyRing.CreateAsync();

    [OneTimeTearDown]
    public void DeleteKeys() => _keys.Dispose();

    [Test]
    public async Task Listen_PushedSets_AcceptedOnesPrintedAndRefusalsAnsweredPUSH09PUSH11()
    {
        var token = (await CliRun.WithStdinAsync(CliPayloads.Rfc8417, "sign", "--key", _keys.PrivateKey("ES256"))).Line;
        await using var listener = await Listener.StartAsync(["listen", "--port", "0", "--jwks", _keys.PublicKeys("ES256"), "--auth", "Bearer s3cret"]);
        using var http = new HttpClient { BaseAddress = listener.Address };

        var accepted = await PostAsync(http, token, "Bearer s3cret");
        var anonymous = await PostAsync(http, token, authorization: null);
        var garbage = await PostAsync(http, "not.a.token", "Bearer s3cret");
        var (exitCode, stdout, stderr) = await listener.StopAsync();

        accepted.StatusCode.Should().Be(HttpStatusCode.Accepted);
        anonymous.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await anonymous.Content.ReadAsStringAsync()).Should().Contain("\"err\":\"authentication_failed\"");
        garbage.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await garbage.Content.ReadAsStringAsync()).Should().Contain("\"err\":\"invalid_request\"");
        exitCode.Should().Be(0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().ContainSingle("only the accepted SET is printed");
        JsonElement.DeepEquals(JsonElement.Parse(lines[0]), JsonElement.Parse(RawToken.Decode(token.Split('.')[1]))).Should().BeTrue();
        stderr.Should().StartWith($"listening on http://127.0.0.1:{listener.Address.Port}/").And.NotContain(token);
    }

    [Test]
    public async Task Listen_BadPort_IsAUsageError()
    {
        var result = await CliRun.RunAsync("listen", "--port", "70000", "--jwks", _keys.PublicKeys("ES256"));

        result.ExitCode.Should().Be(2);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string body, string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/any/path") { Content = new StringContent(body, Encoding.ASCII) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/secevent+jwt");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await http.SendAsync(request);
    }

    /// <summary>Runs <c>secevent listen</c> until stopped, and learns its address from the "listening on" line.</summary>
    private sealed class Listener : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly StringWriter _stdout = new();
        private readonly SignallingWriter _stderr = new();
        private Task<int> _run = Task.FromResult(0);

        public Uri Address { get; private set; } = null!;

        public static async Task<Listener> StartAsync(string[] args)
        {
            var listener = new Listener();
            listener._run = SecEventCli.RunAsync(args, new StringReader(""), TextWriter.Synchronized(listener._stdout), listener._stderr, new ManualTimeProvider(Some.Now), listener._stop.Token);
            var line = await listener._stderr.FirstLine.WaitAsync(TimeSpan.FromSeconds(30));
            line.Should().StartWith("listening on ");
            listener.Address = new Uri(line["listening on ".Length..].Trim());
            return listener;
        }

        public async Task<(int ExitCode, string Stdout, string Stderr)> StopAsync()
        {
            await _stop.CancelAsync();
            var code = await _run.WaitAsync(TimeSpan.FromSeconds(30));
            return (code, _stdout.ToString(), _stderr.Text);
        }

        public async ValueTask DisposeAsync()
        {
            if (!_stop.IsCancellationRequested)
            {
                await StopAsync();
            }

            _stop.Dispose();
        }
    }

    /// <summary>A stderr that records everything and completes a task with the first line written.</summary>
    private sealed class SignallingWriter : StringWriter
    {
        private readonly TaskCompletionSource<string> _firstLine = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<string> FirstLine => _firstLine.Task;

        public string Text
        {
            get
            {
                lock (this)
                {
                    return ToString();
                }
            }
        }

        public override void WriteLine(string? value)
        {
            lock (this)
            {
                base.WriteLine(value);
            }

            _firstLine.TrySetResult(value ?? "");
        }
    }
}
