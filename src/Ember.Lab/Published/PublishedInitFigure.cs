namespace Ember.Lab.Published;

/// <summary>
/// One runtime at one memory size in the published table: average Init Duration, Max Memory Used and
/// (from the 2026 snapshots on) the Duration of the first invocation, of that day's cold starts.
/// </summary>
internal sealed record PublishedInitFigure(int MemoryMb, double InitMs, double MaxMemoryUsedMb, double? FirstDurationMs = null);
