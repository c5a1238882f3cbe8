namespace Ember.Lab.Runner;

/// <summary>
/// The figures of one invocation's REPORT line, as the host recorded them
/// (<c>REPORT RequestId: … Duration: … Billed Duration: … Memory Size: … Max Memory Used: … Init Duration: …</c>).
/// <see cref="InitDurationMs"/> is present only on a cold start.
/// </summary>
internal sealed record ServerReport(
    string RequestId,
    double DurationMs,
    double BilledDurationMs,
    int MemorySizeMb,
    double MaxMemoryUsedMb,
    double? InitDurationMs);
