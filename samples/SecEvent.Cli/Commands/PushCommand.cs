using System.Collections.Concurrent;
using System.CommandLine;
using SecEvent.Cli.Keys;
using SecEvent.Delivery.Outbox;
using SecEvent.Delivery.Push;

namespace SecEvent.Cli.Commands;

/// <summary>
/// <c>secevent push</c>: signs one JSON claims set per input line, stores every SET in an outbox, and delivers them to an
/// RFC 8935 push endpoint through outages and rate limits; with <c>--outbox FILE.db --resume</c>, delivers what an
/// earlier run left pending.
/// </summary>
internal static class PushCommand
{
    private const int EnqueueBatch = 1000;
    private static readonly TimeSpan DefaultMaxAge = TimeSpan.FromMinutes(10);

    public static Command Create(CliContext context)
    {
        var endpoint = new Option<string>("--endpoint") { Description = "The receiver's push endpoint (https unless --allow-http).", HelpName = "URL" };
        var key = new Option<string>("--key") { Description = "The private JWK to sign with (as written by 'secevent keygen --out').", HelpName = "PRIVATE_JWK" };
        var profile = CliOptions.CreateProfileOption();
        var authorization = new Option<string>("--auth") { Description = "The Authorization header value to send, exactly as given; never stored in the outbox.", HelpName = "VALUE" };
        var outboxFile = new Option<string>("--outbox") { Description = "A SQLite outbox file that keeps every SET until it is delivered or given up, across crashes; in memory when absent.", HelpName = "FILE.db" };
        var maxAge = new Option<string>("--max-age") { Description = "How long a SET that keeps failing is retried after it was queued, such as 90s, 10m or 1h30m; 10m when absent.", HelpName = "DURATION" };
        var allowHttp = new Option<bool>("--allow-http") { Description = "Allow a plain-http endpoint (RFC 8935 §5.3 requires TLS): for tests on loopback only." };
        var input = CliInput.CreateOption("JSON claims sets, one per line,");
        var resume = new Option<bool>("--resume") { Description = "Read no input: deliver what is still pending in --outbox, to --endpoint when given, else to where each SET was going." };

        var command = new Command("push", "Sign JSON claims sets (one per line) and push them to a receiver (RFC 8935), retrying until each is delivered, rejected, or too old; the last stdout line counts them.")
        {
            endpoint, key, profile, authorization, outboxFile, maxAge, allowHttp, input, resume,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(resume))
            {
                if (result.GetResult(outboxFile) is null)
                {
                    result.AddError("--resume needs the --outbox to resume from.");
                }

                if (result.GetResult(key) is not null || result.GetResult(input) is not null)
                {
                    result.AddError("--resume reads no input: --key and --in do not apply.");
                }
            }
            else if (result.GetResult(endpoint) is null || result.GetResult(key) is null)
            {
                result.AddError("--endpoint and --key are required, unless --resume.");
            }

            if (result.GetValue(endpoint) is { } url && EndpointProblem(url, result.GetValue(allowHttp)) is { } problem)
            {
                result.AddError(problem);
            }

            if (result.GetResult(maxAge) is not null && !CliDuration.TryParse(result.GetValue(maxAge), out _))
            {
                result.AddError("--max-age must be a positive duration, such as 90s, 10m or 1h30m.");
            }
        });

        command.SetAction(async (parse, cancellationToken) =>
        {
            var target = parse.GetValue(endpoint) is { } url ? new Uri(url) : null;
            var age = parse.GetValue(maxAge) is { } text && CliDuration.TryParse(text, out var parsed) ? parsed : DefaultMaxAge;
            var signer = parse.GetValue(resume)
                ? null
                : new PushSigner(await KeyFiles.ReadSigningKeyAsync(parse.GetRequiredValue(key), cancellationToken), CliOptions.ToProfile(parse.GetValue(profile)), context.Time);

            await using var outbox = await PushOutboxes.OpenAsync(parse.GetValue(outboxFile), cancellationToken);
            if (signer is not null)
            {
                var (sets, problem) = signer.SignAll(await CliInput.ReadAsync(parse.GetRequiredValue(input), context, "payloads", cancellationToken));
                if (problem is not null)
                {
                    return ErrorObject.InvalidRequest(context.Stdout, problem);
                }

                foreach (var chunk in sets.Chunk(EnqueueBatch))
                {
                    await outbox.Store.EnqueueAsync([.. chunk.Select(set => new OutboxItem(set, target!.ToString()))], cancellationToken);
                }
            }

            var pending = (await outbox.Store.GetStatisticsAsync(cancellationToken)).Pending;
            var stderr = TextWriter.Synchronized(context.Stderr); // Progress and problems come from concurrent pushes.
            stderr.WriteLine($"secevent: pushing {pending} SET(s){(outbox.Path is { } path ? $" from {path}" : "")}");
            var tally = new PushTally(stderr, pending);
            await DeliverAsync(outbox.Store, tally, new Resolver(target, parse.GetValue(authorization), parse.GetValue(allowHttp), stderr), age, cancellationToken);
            tally.Finish(context.Stdout);
            return tally.AllDelivered ? CliExitCodes.Success : CliExitCodes.Refused;
        });
        return command;
    }

    private static async Task DeliverAsync(ISecurityEventOutbox outbox, PushTally tally, Resolver resolver, TimeSpan maxAge, CancellationToken cancellationToken)
    {
        using var http = CliHttp.CreateClient();

        // A push never outlasts the SET's whole allowance; delivery runs on the real clock, whatever signs the SETs.
        var totalTimeout = maxAge < TimeSpan.FromMinutes(2) ? maxAge : TimeSpan.FromMinutes(2);
        var client = new PushClient(http, new PushClientOptions { TotalTimeout = totalTimeout });
        var dispatcher = new OutboxDispatcher(outbox, client, new OutboxDispatcherOptions
        {
            Name = "secevent-push",
            ResolveEndpoint = resolver.ResolveAsync,
            MaxAge = maxAge,
            RetryBaseDelay = TimeSpan.FromSeconds(1),
            RetryMaxDelay = TimeSpan.FromSeconds(30),
            LeaseDuration = totalTimeout + TimeSpan.FromMinutes(1),

            // This run is the file's only dispatcher: a crashed run's leases are returned at once, not when they expire.
            ReleaseLeasesOnStart = true,
            Settled = tally.Add,
        }, timeProvider: TimeProvider.System);
        await dispatcher.DrainAsync(cancellationToken);
    }

    private static string? EndpointProblem(string url, bool allowHttp) => CliHttp.EndpointProblem(url, allowHttp, "RFC 8935 §5.3");

    /// <summary>Turns a stored destination into an endpoint: the <c>--endpoint</c> given, else the destination URL itself.</summary>
    private sealed class Resolver(Uri? target, string? authorization, bool allowHttp, TextWriter stderr)
    {
        private readonly ConcurrentDictionary<string, PushEndpoint?> _endpoints = new(StringComparer.Ordinal);

        public ValueTask<PushEndpoint?> ResolveAsync(string destination, CancellationToken cancellationToken) =>
            ValueTask.FromResult(_endpoints.GetOrAdd(destination, Create));

        private PushEndpoint? Create(string destination)
        {
            var uri = target ?? (Uri.TryCreate(destination, UriKind.Absolute, out var stored) ? stored : null);
            var problem = uri is null ? "not a URL." : EndpointProblem(uri.ToString(), allowHttp);
            if (problem is not null)
            {
                stderr.WriteLine($"secevent: cannot push to {destination}: {problem}");
                return null;
            }

            return new PushEndpoint(uri!) { AllowHttp = allowHttp, AuthorizationHeader = authorization };
        }
    }
}
