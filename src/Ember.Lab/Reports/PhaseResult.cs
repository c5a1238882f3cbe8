using Ember.Lab.Runner;
using Ember.Lab.Statistics;

namespace Ember.Lab.Reports;

/// <summary>
/// One runtime × payload size × memory size × phase: every figure the lab has for it. For the cold phase
/// the client summary is over the first requests after each forced cold start; for the warm phase over
/// every warm request.
/// </summary>
internal sealed record PhaseResult
{
    public required string Runtime { get; init; }

    public required string RuntimeLabel { get; init; }

    public required int PayloadEvents { get; init; }

    public required int MemoryMb { get; init; }

    public required LabPhase Phase { get; init; }

    public required LatencySummary Client { get; init; }

    /// <summary>Cold phase: the client latency of each first request after a forced cold start.</summary>
    public IReadOnlyList<double> ColdStartClientMs { get; init; } = [];

    /// <summary>Cold phase: each REPORT's Init Duration.</summary>
    public IReadOnlyList<double> InitDurationMs { get; init; } = [];

    public ServerFigures Server { get; init; } = ServerFigures.None;

    /// <summary>Cold phase: the published AWS Init Duration of the nearest published runtime, when the table maps one to this runtime.</summary>
    public Published.PublishedInit? PublishedInit { get; init; }

    /// <summary>Cold phase: what AWS would likely report for this row, estimated (<see cref="Estimate.AwsEstimateModel"/>).</summary>
    public Estimate.AwsEstimate? AwsEstimate { get; init; }

    /// <summary>
    /// The average of the handler's own time as the function reports it (the telemetry contract's <c>compute_ms</c>,
    /// whole milliseconds, rounded down) over the successful requests, when the responses carry it.
    /// </summary>
    public double? HandlerComputeAvgMs { get; init; }

    public long? PackageSizeBytes { get; init; }

    /// <summary>The code unzipped, in bytes, when known.</summary>
    public long? UnzippedSizeBytes { get; init; }

    public decimal CostPerMillionX86 { get; init; }

    public decimal CostPerMillionArm { get; init; }

    /// <summary>What the cost is computed from: the host's billed durations, or the client latency when there were no REPORTs.</summary>
    public string CostBasis { get; init; } = CostBases.ServerBilled;

    /// <summary>Per-round average and p95 (warm) or the single latency (cold), in round order, for ratio spreads.</summary>
    public IReadOnlyList<double> RoundAveragesMs { get; init; } = [];

    public IReadOnlyList<double> RoundP95sMs { get; init; } = [];
}
