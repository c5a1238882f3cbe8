using BenchmarkDotNet.Running;
using Ember.Benchmarks;

// Environment fidelity (real processes in real cgroups, not a BenchmarkDotNet suite):
//   bench/cgroup-cpu-curve.sh   (= dotnet run -c Release --project bench/Ember.Benchmarks -- fidelity)
if (args is ["fidelity", .. var rest])
{
    return EnvironmentFidelity.Run(rest);
}

// Run one group with: dotnet run -c Release --project bench/Ember.Benchmarks -- --filter '*Telemetry*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
