using Ember.Lab.Runner;

namespace Ember.Lab.Reports;

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
    bool Quick,
    IReadOnlyList<string>? PayloadLabels = null)
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
        options.Quick,
        options.PayloadLabels);
}
