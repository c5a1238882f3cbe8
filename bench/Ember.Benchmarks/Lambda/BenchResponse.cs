namespace Ember.Benchmarks.Lambda;

public sealed record BenchResponse(string Message);
