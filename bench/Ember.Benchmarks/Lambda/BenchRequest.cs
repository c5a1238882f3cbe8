namespace Ember.Benchmarks.Lambda;

public sealed record BenchRequest(string? Name);
