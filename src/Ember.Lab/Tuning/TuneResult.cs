using System.Text.Json.Serialization;

namespace Ember.Lab.Tuning;

/// <summary>Cost of a million invocations in US dollars, per architecture.</summary>
internal sealed record CostPerMillion(
    [property: JsonPropertyName("x86_64")] decimal X86_64,
    [property: JsonPropertyName("arm64")] decimal Arm64);

/// <summary>One memory size's figures: warm invocations (Duration, Billed Duration, cost) and forced cold starts (Init Duration).</summary>
internal sealed record TunePoint
{
    public required int MemoryMb { get; init; }
    public required int Invocations { get; init; }
    public required int Errors { get; init; }
    public required double AvgDurationMs { get; init; }
    public required double P95DurationMs { get; init; }
    public required double AvgBilledMs { get; init; }
    public required long MaxMemoryUsedMb { get; init; }
    public required int ColdStarts { get; init; }
    public double? AvgInitDurationMs { get; init; }
    public required CostPerMillion CostPerMillionUsd { get; init; }

    /// <summary>The vCPUs Lambda gives this size (1,769 MB = 1).</summary>
    public required double LambdaVcpus { get; init; }

    /// <summary>True when this machine cannot give what Lambda would: more vCPUs than it has cores.</summary>
    public required bool BeyondThisMachine { get; init; }

    /// <summary>The first error, when some invocations failed (such a size is never recommended).</summary>
    public string? FirstError { get; init; }
}

/// <summary>The memory sizes `ember tune` recommends, each null when no size ran without errors.</summary>
internal sealed record TuneRecommendation(int? Cheapest, int? Fastest, int? Balanced, string BalancedDefinition);

/// <summary>A power-tuning run: the function, its points, the recommendation, and what the figures rest on.</summary>
internal sealed record TuneResult
{
    public required string Function { get; init; }
    public required string Runtime { get; init; }
    public required string Payload { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required string Machine { get; init; }
    public required string Prices { get; init; }
    public required IReadOnlyList<TunePoint> Points { get; init; }
    public required TuneRecommendation Recommendation { get; init; }
    public required IReadOnlyList<string> Notes { get; init; }

    /// <summary>False when the run was stopped (Ctrl+C) before every size was measured.</summary>
    public required bool Complete { get; init; }
}
