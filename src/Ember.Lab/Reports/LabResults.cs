using System.Text.Json.Serialization;
using Ember.Lab.Runner;

namespace Ember.Lab.Reports;

/// <summary>Everything one lab run measured, and how: the single source every report, file and chart is written from.</summary>
internal sealed record LabResults(
    LabRunMetadata Metadata,
    IReadOnlyList<PhaseResult> Rows,
    IReadOnlyList<SpeedupResult> Speedups,
    IReadOnlyList<BurstResult>? Bursts = null,
    IReadOnlyList<ProvisionedResult>? Provisioned = null,
    CanaryResult? Canary = null)
{
    /// <summary>The fastest cold start per memory size and payload, here and on AWS (estimated).</summary>
    public IReadOnlyList<Verdict> Verdicts => Verdict.Of(this);

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

    /// <summary>How a payload size is shown: its file name for the user's own payloads, else its number of events.</summary>
    public string PayloadLabel(int size) =>
        Metadata.Settings.PayloadLabels is { } labels && size >= 1 && size <= labels.Count ? labels[size - 1] : ReportFormat.Events(size);

    /// <summary>The name of the payload axis in tables and charts.</summary>
    [JsonIgnore]
    public string PayloadAxis => Metadata.Settings.PayloadLabels is null ? "Events" : "Payload";

    /// <summary>True when the payloads are files (labels, not numbers of events).</summary>
    [JsonIgnore]
    public bool NamedPayloads => Metadata.Settings.PayloadLabels is not null;

    public string LabelOf(string runtime) => Rows.FirstOrDefault(r => r.Runtime == runtime)?.RuntimeLabel ?? runtime;
}
