namespace Ember.Lab.Reports;

/// <summary>
/// The REPORT figures of one cell, summarised: averages, p95 and the peak memory; for cold starts on a local
/// host also the average file-backed and anonymous memory the environment held when init ended (MB).
/// </summary>
internal sealed record ServerFigures(
    int Reports,
    double DurationAvgMs,
    double DurationP95Ms,
    double BilledDurationAvgMs,
    double MaxMemoryUsedMb,
    double? InitDurationAvgMs,
    double? InitResidentFileMb = null,
    double? InitResidentAnonymousMb = null)
{
    public static ServerFigures None { get; } = new(0, 0, 0, 0, 0, null);
}
