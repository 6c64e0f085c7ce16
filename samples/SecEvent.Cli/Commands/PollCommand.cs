using System.CommandLine;
using SecEvent.Cli.Keys;
using SecEvent.Delivery.Poll;
using SecEvent.Tokens;

namespace SecEvent.Cli.Commands;

/// <summary>
/// <c>secevent poll</c>: polls a transmitter's RFC 8936 endpoint, prints each accepted SET's payload as one JSON line,
/// acknowledges it once printed, and reports invalid SETs in <c>setErrs</c>; stops after <c>--count</c> SETs or on
/// cancellation, always after a final acknowledge-only request.
/// </summary>
internal static class PollCommand
{
    // Transient failures in a row before the run gives up, at most 5 s apart: a transmitter gone for about 20 s is
    // "beyond retry" for a command line, unlike for a service, which keeps trying.
    private const int MaxConsecutiveFailures = 6;
    private static readonly TimeSpan RetryMaxDelay = TimeSpan.FromSeconds(5);

    public static Command Create(CliContext context)
    {
        var endpoint = new Option<string>("--endpoint") { Description = "The transmitter's poll endpoint (https unless --allow-http).", HelpName = "URL", Required = true };
        var jwks = new Option<string>("--jwks") { Description = "The JWK Set of keys that may have signed the SETs.", HelpName = "JWKS", Required = true };
        var issuers = new Option<string[]>("--iss") { Description = "An accepted issuer; repeat for several. Any issuer when absent.", HelpName = "ISSUER" };
        var audiences = new Option<string[]>("--aud") { Description = "An audience value naming this receiver; repeat for several. Not checked when absent.", HelpName = "AUDIENCE" };
        var profile = CliOptions.CreateProfileOption();
        var authorization = new Option<string>("--auth") { Description = "The Authorization header value to send, exactly as given.", HelpName = "VALUE" };
        var maxEvents = new Option<int?>("--max-events") { Description = "The most SETs to ask for in one poll (maxEvents); the transmitter decides when absent.", HelpName = "N" };
        var count = new Option<int?>("--count") { Description = "Stop after this many accepted SETs; poll until cancelled when absent.", HelpName = "N" };
        var state = new Option<string>("--state") { Description = "A SQLite file remembering the SETs already printed, so that one sent again after a restart is acknowledged, not printed twice.", HelpName = "FILE.db" };
        var allowHttp = new Option<bool>("--allow-http") { Description = "Allow a plain-http endpoint (RFC 8936 §4.3 requires TLS): for tests on loopback only." };

        var command = new Command("poll", "Poll a transmitter for Security Event Tokens (RFC 8936), print each accepted SET's claims as a JSON line, and acknowledge it.")
        {
            endpoint, jwks, issuers, audiences, profile, authorization, maxEvents, count, state, allowHttp,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(endpoint) is { } url && CliHttp.EndpointProblem(url, result.GetValue(allowHttp), "RFC 8936 §4.3") is { } problem)
            {
                result.AddError(problem);
            }

            // maxEvents 0 asks for no SETs at all (an acknowledge-only request, RFC 8936 §2.4.2): useless for a poll.
            if (result.GetValue(maxEvents) is < 1)
            {
                result.AddError("--max-events must be at least 1.");
            }

            if (result.GetValue(count) is < 1)
            {
                result.AddError("--count must be at least 1.");
            }
        });

        command.SetAction(async (parse, cancellationToken) =>
        {
            var keySet = await KeyFiles.ReadKeySetAsync(parse.GetRequiredValue(jwks), cancellationToken);
            var validIssuers = parse.GetValue(issuers) ?? [];
            var validAudiences = parse.GetValue(audiences) ?? [];
            await using var replay = await PollState.OpenAsync(parse.GetValue(state), cancellationToken);
            var options = new PollClientOptions
            {
                Endpoint = new PollEndpoint(new Uri(parse.GetRequiredValue(endpoint)))
                {
                    AllowHttp = parse.GetValue(allowHttp),
                    AuthorizationHeader = parse.GetValue(authorization),
                },
                ValidationParameters = new SecurityEventTokenValidationParameters
                {
                    Profile = CliOptions.ToProfile(parse.GetValue(profile)),
                    SigningKeySet = keySet,
                    ValidIssuers = validIssuers,
                    ValidateIssuer = validIssuers.Length > 0,
                    ValidAudiences = validAudiences,
                    ValidateAudience = validAudiences.Length > 0,
                },
                ReplayStore = replay.Store,
                MaxEvents = parse.GetValue(maxEvents),
                MaxConsecutiveFailures = MaxConsecutiveFailures,
                RetryMaxDelay = RetryMaxDelay,
            };

            // The count is reached inside the sink: the SET that reaches it is printed and acknowledged, the rest of its
            // batch is left for the transmitter to offer again, and the run ends with the final acknowledge-only request.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var wanted = parse.GetValue(count);
            var printed = 0;
            var outputLost = false;
            using var http = CliHttp.CreateClient();
            var client = new PollClient(http, options, (set, _) =>
            {
                try
                {
                    // Flushed before the SET counts as kept: it is acknowledged once this returns.
                    CliOutput.WriteJsonLine(context.Stdout, json => set.Payload.WriteTo(json));
                    context.Stdout.Flush();
                }
                catch (IOException)
                {
                    // Nobody reads stdout any more (a closed pipe): this SET was not printed, so it must not be
                    // acknowledged; stop, and leave it to the transmitter to offer again.
                    outputLost = true;
                    stop.Cancel();
                    throw;
                }

                if (++printed == wanted)
                {
                    stop.Cancel();
                }

                return ValueTask.CompletedTask;
            }, TimeProvider.System, new CliWarnings(context.Stderr));

            CliOutput.WriteDiagnostic(context.Stderr, $"polling {options.Endpoint}");
            try
            {
                await client.RunAsync(stop.Token);
            }
            catch (PollException ex)
            {
                CliOutput.WriteDiagnostic(context.Stderr, $"polling stopped after {printed} SET(s): {ex.Message}");
                return CliExitCodes.Refused;
            }

            if (outputLost)
            {
                CliOutput.WriteDiagnostic(context.Stderr, $"stdout closed after {printed} SET(s); the SET that could not be printed was not acknowledged.");
                return CliExitCodes.Refused;
            }

            CliOutput.WriteDiagnostic(context.Stderr, $"stopped after {printed} SET(s).");
            return CliExitCodes.Success;
        });
        return command;
    }
}
