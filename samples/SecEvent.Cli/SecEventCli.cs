using System.CommandLine;
using System.CommandLine.Invocation;
using System.Diagnostics.CodeAnalysis;
using SecEvent.Cli.Commands;

namespace SecEvent.Cli;

/// <summary>
/// The <c>secevent</c> command-line tool: <c>keygen</c>, <c>sign</c>, <c>verify</c> and <c>decode</c> Security Event
/// Tokens (RFC 8417). The process entry point only forwards to <see cref="RunAsync"/>, which tests call in-process.
/// </summary>
/// <remarks>
/// Exit codes: 0 when the command did what was asked; 1 when a payload or token is refused, with the RFC 8935 §2.3
/// error object <c>{"err":…,"description":…}</c> on stdout; 2 for usage errors (unknown command or option, a
/// missing or bad option value) and files that cannot be read or written, explained on stderr; 70 for a bug (an
/// exception nobody expected) and 130 when cancelled, both explained on stderr. Results go to
/// stdout as one JSON object (or one compact token) a line; private keys and tokens never go to stderr.
/// </remarks>
[SuppressMessage("Maintainability", "CA1515", Justification = "The tests drive the tool in-process through this entry point.")]
public static class SecEventCli
{
    /// <summary>Runs the tool once.</summary>
    /// <param name="args">The command line, without the program name.</param>
    /// <param name="stdin">Where <c>--in -</c> (the default) reads payloads and tokens from.</param>
    /// <param name="stdout">Where results and refusals are written.</param>
    /// <param name="stderr">Where usage errors and diagnostics are written.</param>
    /// <param name="timeProvider">The clock for <c>iat</c> and for time checks; the system clock when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels reading input and writing files.</param>
    /// <returns>The process exit code, as described on <see cref="SecEventCli"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="timeProvider"/> is <see langword="null"/>.</exception>
    public static async Task<int> RunAsync(
        string[] args,
        TextReader stdin,
        TextWriter stdout,
        TextWriter stderr,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdin);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        var context = new CliContext(stdin, stdout, stderr, timeProvider ?? TimeProvider.System);
        var root = CreateRootCommand(context);
        // Arguments are taken literally: no "@file" response-file expansion, so a value never names a file to read.
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });

        // System.CommandLine answers a parse error with exit code 1 and help on stdout. Here 1 means "refused",
        // so parse errors are reported by us: on stderr, exit code 2.
        if (parse.Action is ParseErrorAction)
        {
            foreach (var error in parse.Errors)
            {
                // Some messages list choices one per line; one diagnostic per line reads better in a terminal and a log.
                CliOutput.WriteDiagnostic(stderr, string.Join(' ', error.Message.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)));
            }

            CliOutput.WriteDiagnostic(stderr, $"run '{HelpCommandLine(parse)}' for usage.");
            return CliExitCodes.Usage;
        }

        var invocation = new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            // Our own handler below keeps stack traces (and anything they might hold) off the terminal.
            EnableDefaultExceptionHandler = false,
            // The caller's token is the cancellation: no process-wide Ctrl+C handler from inside a library call.
            ProcessTerminationTimeout = null,
        };

        try
        {
            return await parse.InvokeAsync(invocation, cancellationToken);
        }
        catch (CliUsageException ex)
        {
            CliOutput.WriteDiagnostic(stderr, ex.Message);
            return CliExitCodes.Usage;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            CliOutput.WriteDiagnostic(stderr, "cancelled.");
            return CliExitCodes.Cancelled;
        }
#pragma warning disable CA1031 // The last resort of a process: report the bug briefly instead of a raw stack trace.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            CliOutput.WriteDiagnostic(stderr, $"unexpected error ({ex.GetType().Name}): {ex.Message}");
            return CliExitCodes.Internal;
        }
    }

    private static RootCommand CreateRootCommand(CliContext context) =>
        new("Create, sign, verify and decode Security Event Tokens (RFC 8417).")
        {
            KeygenCommand.Create(context),
            SignCommand.Create(context),
            VerifyCommand.Create(context),
            DecodeCommand.Create(context),
            ListenCommand.Create(context),
            PushCommand.Create(context),
            PollCommand.Create(context),
            StreamCommand.Create(context),
        };

    private static string HelpCommandLine(ParseResult parse) =>
        parse.CommandResult.Command is RootCommand ? "secevent --help" : $"secevent {parse.CommandResult.Command.Name} --help";
}
