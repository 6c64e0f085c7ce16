namespace SecEvent.Cli;

/// <summary>The streams and clock one run of the tool works with; never the process's globals.</summary>
/// <param name="Stdin">Where <c>--in -</c> reads from.</param>
/// <param name="Stdout">Results: one JSON object (or one compact token) a line.</param>
/// <param name="Stderr">Diagnostics and usage errors; never key material or tokens.</param>
/// <param name="Time">The clock for <c>iat</c> and for time checks.</param>
internal sealed record CliContext(TextReader Stdin, TextWriter Stdout, TextWriter Stderr, TimeProvider Time);
