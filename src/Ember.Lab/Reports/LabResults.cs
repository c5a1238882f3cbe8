using System.Text.Json.Serialization;
using Ember.Lab.Runner;

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
