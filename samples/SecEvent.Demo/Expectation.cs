namespace SecEvent.Demo;

/// <summary>One thing the demo promises, whether it held, and what was seen.</summary>
internal sealed record Expectation(string Name, bool Held, string Detail);
