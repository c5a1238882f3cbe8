using Ember.Lab.Runner;
using System.Text.Json.Serialization;
using Ember.Lab.Statistics;

namespace Ember.Lab.Reports;

/// <summary>Everything one lab run measured, and how: the single source every report, file and chart is written from.</summary>
internal sealed record LabResults(
    LabRunMetadata Metadata,
    IReadOnlyList<PhaseResult> Rows,
    IReadOnlyList<SpeedupResult> Speedups)
{
    [JsonIgnore]
    public IEnumerable<PhaseResult> Warm => Rows.Where(r => r.Phase == LabPhase.Warm);

    [JsonIgnore]
    public IEnumerable<PhaseResult> Cold => Rows.Where(r => r.Phase == LabPhase.Cold);

    /// <summary>Runtime names in the order they were measured.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> RuntimeNames => [.. Rows.Select(r => r.Runtime).Distinct()];

    [JsonIgnore]
    public IReadOnlyList<int> Sizes => [.. Rows.Select(r => r.PayloadEvents).Distinct().Order()];

    [JsonIgnore]
    public IReadOnlyList<int> MemorySizes => [.. Rows.Select(r => r.MemoryMb).Distinct().Order()];

    public PhaseResult? Find(string runtime, int payloadEvents, int memoryMb, LabPhase phase) =>
        Rows.FirstOrDefault(r => r.Runtime == runtime && r.PayloadEvents == payloadEvents && r.MemoryMb == memoryMb && r.Phase == phase);

    public string LabelOf(string runtime) => Rows.FirstOrDefault(r => r.Runtime == runtime)?.RuntimeLabel ?? runtime;
}

/// <summary>When, where and how the run was made, so its numbers can be judged.</summary>
internal sealed record LabRunMetadata(
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    MachineInfo Machine,
    LabRunSettings Settings,
    PriceInfo Prices,
    IReadOnlyList<string> Notes);

internal sealed record MachineInfo(int Cores, long MemoryBytes, string Os, string DotnetVersion, string ProcessArchitecture)
{
    public static MachineInfo Current() => new(
        Environment.ProcessorCount,
        GC.GetGCMemoryInfo().TotalAvailableMemoryBytes,
        System.Runtime.InteropServices.RuntimeInformation.OSDescription,
        System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
        System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString());
}

/// <summary>The options the run used, as recorded in its results.</summary>
internal sealed record LabRunSettings(
    IReadOnlyList<string> Runtimes,
    IReadOnlyList<int> Sizes,
    IReadOnlyList<int> MemorySizesMb,
    int ColdStarts,
    int WarmRequests,
    int WarmConcurrency,
    int WarmRounds,
    int WarmupRequests,
    string Baseline,
    bool Quick)
{
    public static LabRunSettings From(LabOptions options) => new(
        [.. options.AllTargetNames],
        options.Sizes,
        options.MemorySizesMb,
        options.ColdStarts,
        options.WarmRequests,
        options.WarmConcurrency,
        options.WarmRounds,
        options.WarmupRequests,
        options.Baseline,
        options.Quick);
}

internal sealed record PriceInfo(string Region, DateOnly EffectiveDate, decimal RequestPricePerMillion, decimal GbSecondPriceX86, decimal GbSecondPriceArm)
{
    public static PriceInfo From(Cost.PriceTable table) =>
        new(table.Region, table.EffectiveDate, table.RequestPricePerMillion, table.GbSecondPriceX86, table.GbSecondPriceArm);
}

/// <summary>The REPORT figures of one cell, summarised: averages, p95 and the peak memory.</summary>
internal sealed record ServerFigures(
    int Reports,
    double DurationAvgMs,
    double DurationP95Ms,
    double BilledDurationAvgMs,
    double MaxMemoryUsedMb,
    double? InitDurationAvgMs)
{
    public static ServerFigures None { get; } = new(0, 0, 0, 0, 0, null);
}

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

    public long? PackageSizeBytes { get; init; }

    public decimal CostPerMillionX86 { get; init; }

    public decimal CostPerMillionArm { get; init; }

    /// <summary>What the cost is computed from: the host's billed durations, or the client latency when there were no REPORTs.</summary>
    public string CostBasis { get; init; } = CostBases.ServerBilled;

    /// <summary>Per-round average and p95 (warm) or the single latency (cold), in round order, for ratio spreads.</summary>
    public IReadOnlyList<double> RoundAveragesMs { get; init; } = [];

    public IReadOnlyList<double> RoundP95sMs { get; init; } = [];
}

internal static class CostBases
{
    public const string ServerBilled = "server-billed";
    public const string ClientLatency = "client-latency";
}

/// <summary>A runtime against the baseline at one size and memory: baseline ÷ runtime, with the spread of its per-round ratios.</summary>
internal sealed record SpeedupResult(
    string Runtime,
    string Baseline,
    int PayloadEvents,
    int MemoryMb,
    RatioSpread Average,
    RatioSpread P95,
    RatioSpread? ColdStart);
