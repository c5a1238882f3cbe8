using BenchmarkDotNet.Running;
using Ember.Benchmarks.Host;

// Micro-benchmarks: dotnet run -c Release --project bench/Ember.Benchmarks -- --filter '*Telemetry*'
// End-to-end harnesses: dotnet run -c Release --project bench/Ember.Benchmarks -- cold-start-overhead
if (args.Length > 0 && args[0] == "cold-start-overhead")
{
    return await ColdStartOverhead.RunAsync(args);
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
