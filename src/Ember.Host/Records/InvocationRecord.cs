namespace Ember.Host.Records;

/// <summary>One invocation as the host saw it: what REPORT prints, plus outcome and timestamps.</summary>
internal sealed record InvocationRecord
{
    public required string Function { get; init; }
    public required string Version { get; init; }
    public required string RequestId { get; init; }
    public required bool ColdStart { get; init; }
    public double? InitDurationMs { get; init; }
    public required double DurationMs { get; init; }
    public required long BilledDurationMs { get; init; }
    public required int MemorySizeMb { get; init; }
    public required long MaxMemoryUsedMb { get; init; }

    /// <summary>success, error, timeout, crash, throttled, …</summary>
    public required string Outcome { get; init; }
    public string? ErrorType { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset EndedAt { get; init; }
    public string? EnvironmentId { get; init; }

    /// <summary>Cold starts: the bytes of files the environment's processes held in memory when init ended (the package and runtime it touched).</summary>
    public long? InitResidentFileBytes { get; init; }

    /// <summary>Cold starts: the anonymous bytes (heaps, stacks) the environment's processes held when init ended.</summary>
    public long? InitResidentAnonymousBytes { get; init; }
}
