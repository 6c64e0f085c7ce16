// The secevent tool: all behaviour lives in SecEventCli so the tests can run it in-process.
// Ctrl+C ends the process at once, as usual, except for the commands that run until stopped and have something to
// finish: 'poll' sends its final acknowledgement and 'listen' closes its port, so for them the first Ctrl+C asks for
// that and a second one ends the process. The others may sit in a blocking read of the terminal, which could not
// observe a cancellation token.
using System.Text;
using SecEvent.Cli;

// JSON travels as UTF-8 (RFC 8259 §8.1), whatever the console's code page; no BOM in front of the first object.
Console.OutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

using var stop = new CancellationTokenSource();
if (args.Length > 0 && args[0] is "poll" or "listen")
{
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = !stop.IsCancellationRequested;
        stop.Cancel();
    };
}

return await SecEventCli.RunAsync(args, Console.In, Console.Out, Console.Error, TimeProvider.System, stop.Token);
