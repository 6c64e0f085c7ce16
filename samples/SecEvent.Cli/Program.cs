// The secevent tool: all behaviour lives in SecEventCli so the tests can run it in-process.
// Ctrl+C keeps its default meaning (end the process at once): a blocking read of the terminal could not observe
// a cancellation token, and nothing here needs a graceful shutdown.
using System.Text;
using SecEvent.Cli;

// JSON travels as UTF-8 (RFC 8259 §8.1), whatever the console's code page; no BOM in front of the first object.
Console.OutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

return await SecEventCli.RunAsync(args, Console.In, Console.Out, Console.Error, TimeProvider.System);
