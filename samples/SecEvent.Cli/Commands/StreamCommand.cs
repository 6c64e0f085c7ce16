using System.CommandLine;
using SecEvent.Delivery.Ssf;

namespace SecEvent.Cli.Commands;

/// <summary>
/// <c>secevent stream COMMAND</c>: the receiver's side of the Shared Signals stream management API (OpenID SSF 1.0
/// §7.2, §8.1). Every command discovers the transmitter from <c>--issuer</c> first, then sends one request through
/// <see cref="SsfStreamClient"/> and prints the answer as one JSON line.
/// </summary>
/// <remarks>
/// Exit codes: 0 for success; 1 when the transmitter refused (<c>{"status":N,"body":…}</c> on stdout) or could not be
/// used (the cause on stderr); 2 for usage, including a body that is not the message the command sends.
/// </remarks>
internal static class StreamCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("stream", "Manage Shared Signals streams at a transmitter (OpenID SSF 1.0 §8.1): discover it, create, read, update, replace and delete streams, read and set their status, add and remove subjects, and ask for verification.");
        foreach (var operation in StreamOperations.All)
        {
            command.Subcommands.Add(CreateSubcommand(context, operation));
        }

        return command;
    }

    private static Command CreateSubcommand(CliContext context, StreamOperation operation)
    {
        var issuer = new Option<string>("--issuer") { Description = "The transmitter's issuer, from a trusted source (https unless --allow-http).", HelpName = "URL", Required = true };
        var authorization = new Option<string>("--auth") { Description = "The Authorization header value to send, exactly as given (for example 'Bearer …').", HelpName = "VALUE" };
        var streamId = new Option<string>("--stream-id")
        {
            Description = operation.NeedsStreamId ? "The stream." : "The stream; fills in the body's stream_id, and must equal it when the body has one.",
            HelpName = "ID",
            Required = operation.NeedsStreamId,
        };
        var input = CliInput.CreateOption(operation.BodyName ?? "body");
        var allowHttp = new Option<bool>("--allow-http") { Description = "Allow a plain-http transmitter: for tests on loopback only." };

        var command = new Command(operation.Name, operation.Description) { issuer, allowHttp };
        if (operation.Name != "discover")
        {
            command.Options.Add(authorization);
        }

        if (operation.TakesStreamId)
        {
            command.Options.Add(streamId);
        }

        if (operation.BodyName is not null)
        {
            command.Options.Add(input);
        }

        command.Validators.Add(result =>
        {
            if (result.GetValue(issuer) is { } url && CliHttp.EndpointProblem(url, result.GetValue(allowHttp), "OpenID SSF 1.0 §7.2", "--issuer") is { } problem)
            {
                result.AddError(problem);
            }
            else if (result.GetValue(issuer) is { } given && (given.Contains('?', StringComparison.Ordinal) || given.Contains('#', StringComparison.Ordinal)))
            {
                result.AddError("--issuer must have no query or fragment (OpenID SSF 1.0 §7.1).");
            }
        });

        command.SetAction(async (parse, cancellationToken) =>
        {
            var call = new StreamCall(
                new Uri(parse.GetRequiredValue(issuer)),
                parse.GetValue(authorization),
                parse.GetValue(streamId),
                operation.BodyName is null ? null : await ReadBodyAsync(parse, input, operation, context, cancellationToken),
                parse.GetValue(allowHttp));
            return await StreamRunner.RunAsync(context, operation, call, cancellationToken);
        });
        return command;
    }

    /// <summary>The body from <c>--in</c>; for <c>verify</c>, none when <c>--in</c> is not given (the stream id suffices).</summary>
    private static async Task<string?> ReadBodyAsync(ParseResult parse, Option<string> input, StreamOperation operation, CliContext context, CancellationToken cancellationToken)
    {
        if (operation.BodyOptional && parse.GetResult(input) is null or { Implicit: true })
        {
            return null;
        }

        return await CliInput.ReadAsync(parse.GetRequiredValue(input), context, operation.BodyName!, cancellationToken);
    }
}
