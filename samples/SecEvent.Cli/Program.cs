// The secevent tool: all behaviour lives in SecEventCli so the tests can run it in-process.
// Ctrl+C ends the process at once, as usual, except for the commands that run until stopped and have something to
// finish: 'poll' sends its final acknowledgement and 'listen' closes its port, so for them the first Ctrl+C asks for
// that and a second one ends the process. The others may sit in a blocking read of the terminal, which could not
// observe a cancellation token.
using System.Text;
using Microsoft.Win32.SafeHandles;
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

// 'poll' acknowledges a SET once it is printed. Console.Out swallows a broken pipe on Unix ('secevent poll | head -1'
// after head has exited), which would acknowledge SETs nobody saw; a plain stream on descriptor 1 reports it instead.
var stdout = args is ["poll", ..] && !OperatingSystem.IsWindows()
    ? new StreamWriter(new FileStream(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, bufferSize: 0), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { AutoFlush = true }
    : Console.Out;
return await SecEventCli.RunAsync(args, Console.In, stdout, Console.Error, TimeProvider.System, stop.Token);
