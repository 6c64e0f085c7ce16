// The whole system in one process, offline: an SSF transmitter (also the OAuth server) and a relying party on loopback
// Kestrel. A password change flows as CAEP, RISC and OAuth events through a push and a poll stream and as a
// Back-Channel Logout; the push endpoint goes down and comes back; a paused stream releases what it held. The timeline
// shows each step; the exit code is 0 only when every expectation held.
using SecEvent.Demo;

DemoOptions options;
try
{
    options = DemoOptions.Parse(args);
}
catch (FormatException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(DemoOptions.Usage);
    return 2;
}

if (options.Help)
{
    Console.WriteLine(DemoOptions.Usage);
    return 0;
}

var temporary = options.DataDirectory is null;
var data = options.DataDirectory ?? Path.Combine(Path.GetTempPath(), $"secevent-demo-{Guid.NewGuid():N}");
Directory.CreateDirectory(data);
var timeline = new Timeline(options.Json, Console.Out);
timeline.Step("demo", temporary ? $"SQLite files in {data} (deleted at the end)" : $"SQLite files in {data} (kept)");

// A kept folder holds the previous run's streams, whose endpoints are gone: each run starts from a clean slate.
foreach (var old in Directory.GetFiles(data, "transmitter-*.db*"))
{
    File.Delete(old);
}

try
{
    await using var scenario = new DemoScenario(data, timeline);
    await scenario.RunAsync();
}
catch (Exception e) when (e is not OutOfMemoryException)
{
    // Whatever went wrong is an expectation that failed, reported like the others, never a stack trace on stdout.
    timeline.Expect("the demo runs to the end", false, $"{e.GetType().Name}: {e.Message}");
    Console.Error.WriteLine(e);
}
finally
{
    if (temporary)
    {
        Directory.Delete(data, recursive: true);
    }
}

timeline.Summary();
return timeline.AllHeld ? 0 : 1;
