using BenchmarkDotNet.Running;
using Ember.Benchmarks;
using Ember.Benchmarks.Host;

// Micro-benchmarks: dotnet run -c Release --project bench/Ember.Benchmarks -- --filter '*Telemetry*'
// End-to-end harnesses on real processes (not BenchmarkDotNet suites):
//   cold-start-overhead [count]   Ember's share of a cold start (arrival to process running)
//   fidelity                      CPU curve across memory sizes and freeze+thaw cost (bench/cgroup-cpu-curve.sh)
switch (args)
{
    case ["fidelity", .. var rest]:
        return EnvironmentFidelity.Run(rest);
    case ["cold-start-overhead", ..]:
        return await ColdStartOverhead.RunAsync(args);
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
