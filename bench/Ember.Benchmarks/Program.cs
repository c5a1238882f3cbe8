using BenchmarkDotNet.Running;

// Run one group with: dotnet run -c Release --project bench/Ember.Benchmarks -- --filter '*Telemetry*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
