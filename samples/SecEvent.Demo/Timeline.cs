using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using Spectre.Console;

namespace SecEvent.Demo;

/// <summary>
/// What the demo shows: one line per step, written as it happens (coloured, or as JSON lines with <c>--json</c>), and the
/// expectations, summed up in a closing table. Thread-safe: the hosts' callbacks write from their own threads.
/// </summary>
internal sealed class Timeline(bool json, TextWriter output)
{
    /// <summary>Lines for people and scripts, never for a web page: arrows and ellipses stay as they are.</summary>
    private static readonly JsonSerializerOptions JsonLines = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<Expectation> _expectations = [];
    private readonly Lock _gate = new();
    private readonly IAnsiConsole _console = CreateConsole(output);

    public IReadOnlyList<Expectation> Expectations
    {
        get
        {
            lock (_gate)
            {
                return [.. _expectations];
            }
        }
    }

    public bool AllHeld => Expectations.All(e => e.Held);

    public void Phase(string what) => Write("demo", what, TimelineKind.Phase);

    public void Step(string where, string what) => Write(where, what, TimelineKind.Action);

    public void Arrival(string where, string what) => Write(where, what, TimelineKind.Arrival);

    public void Trouble(string where, string what) => Write(where, what, TimelineKind.Trouble);

    /// <summary>Records an expectation and shows it at once.</summary>
    public bool Expect(string name, bool held, string detail)
    {
        lock (_gate)
        {
            _expectations.Add(new Expectation(name, held, detail));
            if (json)
            {
                output.WriteLine(JsonSerializer.Serialize(new { type = "expectation", t = Seconds(), name, held, detail }, JsonLines));
            }
            else
            {
                _console.MarkupLine($"[grey]{Seconds(),7:0.000}s[/] {(held ? "[green]held[/]" : "[red bold]FAILED[/]")}  {Markup.Escape(name)} [grey]({Markup.Escape(detail)})[/]");
            }
        }

        return held;
    }

    /// <summary>The closing table (or JSON line): each expectation, held or not.</summary>
    public void Summary()
    {
        var expectations = Expectations;
        var held = expectations.Count(e => e.Held);
        lock (_gate)
        {
            if (json)
            {
                output.WriteLine(JsonSerializer.Serialize(new { type = "summary", t = Seconds(), held, failed = expectations.Count - held }, JsonLines));
                return;
            }

            var table = new Table().Border(TableBorder.Rounded).Title("[bold]What the demo promised[/]");
            table.AddColumn("Expectation");
            table.AddColumn("Held");
            table.AddColumn("Seen");
            foreach (var e in expectations)
            {
                table.AddRow(Markup.Escape(e.Name), e.Held ? "[green]yes[/]" : "[red bold]NO[/]", Markup.Escape(e.Detail));
            }

            _console.Write(table);
            _console.MarkupLine(held == expectations.Count
                ? $"[green bold]Every expectation held[/] ({held}) in {Seconds():0.0}s."
                : $"[red bold]{expectations.Count - held} of {expectations.Count} expectation(s) failed[/] in {Seconds():0.0}s.");
        }
    }

    private void Write(string where, string what, TimelineKind kind)
    {
        lock (_gate)
        {
            if (json)
            {
                output.WriteLine(JsonSerializer.Serialize(new { type = "step", t = Seconds(), kind = kind.ToString().ToLowerInvariant(), where, what }, JsonLines));
                return;
            }

            var colour = kind switch
            {
                TimelineKind.Arrival => "green",
                TimelineKind.Trouble => "yellow",
                TimelineKind.Phase => "bold blue",
                _ => "default",
            };
            _console.MarkupLine(kind == TimelineKind.Phase
                ? $"[grey]{Seconds(),7:0.000}s[/] [{colour}]== {Markup.Escape(what)}[/]"
                : $"[grey]{Seconds(),7:0.000}s[/] [cyan]{Markup.Escape(where),-12}[/] [{colour}]{Markup.Escape(what)}[/]");
        }
    }

    /// <summary>A console on <paramref name="output"/>; redirected to a file or a CI log, it is given room for a line per step.</summary>
    private static IAnsiConsole CreateConsole(TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        if (Console.IsOutputRedirected)
        {
            console.Profile.Width = 160;
        }

        return console;
    }

    private double Seconds() => Math.Round(_clock.Elapsed.TotalSeconds, 3);
}
