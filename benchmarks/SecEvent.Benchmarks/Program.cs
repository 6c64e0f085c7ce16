using BenchmarkDotNet.Running;
using SecEvent.Benchmarks;

if (args is [PollWakeUpLatency.Switch])
{
    await PollWakeUpLatency.RunAsync();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
