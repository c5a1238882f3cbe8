using Ember.Lab.Statistics;

namespace Ember.Lab.Reports;

/// <summary>A runtime against the baseline at one size and memory: baseline ÷ runtime, with the spread of its per-round ratios.</summary>
internal sealed record SpeedupResult(
    string Runtime,
    string Baseline,
    int PayloadEvents,
    int MemoryMb,
    RatioSpread Average,
    RatioSpread P95,
    RatioSpread? ColdStart);
