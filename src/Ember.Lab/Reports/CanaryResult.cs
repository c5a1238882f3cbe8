namespace Ember.Lab.Reports;

/// <summary>
/// <c>--scenario canary</c>: a Python-to-<see cref="To"/> migration done as the published article did it,
/// with a weighted alias: version 1 the Python function, version 2 the candidate, alias <c>live</c> at
/// 10 %, then 50 % on version 2, then promoted to it. <see cref="OtherCandidates"/> holds the same run for
/// further candidates (C# after Go).
/// </summary>
internal sealed record CanaryResult(
    string From,
    string To,
    string ToLabel,
    int MemoryMb,
    int PayloadEvents,
    IReadOnlyList<CanaryStep> Steps,
    long MonthlyRequests,
    decimal MonthlyBeforeUsd,
    decimal MonthlyAfterUsd,
    IReadOnlyList<CanaryResult>? OtherCandidates = null);

/// <summary>One step: the weight of version 2 on the alias, and what each version served.</summary>
internal sealed record CanaryStep(double Weight, IReadOnlyDictionary<string, CanaryVersionFigures> Versions);

/// <summary>What one version served in a step: its requests (as routed by the alias), errors, client latency, memory and cost.</summary>
internal sealed record CanaryVersionFigures(int Requests, int Errors, double P50Ms, double P95Ms, long MaxMemoryUsedMb, double AvgBilledMs, decimal CostPerMillionX86);
