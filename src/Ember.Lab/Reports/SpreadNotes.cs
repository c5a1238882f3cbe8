using System.Globalization;
using Ember.Lab.Runner;

namespace Ember.Lab.Reports;

/// <summary>Plain sentences about how steady the run was, for the report's "spread" section.</summary>
internal static class SpreadNotes
{
    /// <param name="describeSize">How a payload size is named ("1,000 events", "order.json").</param>
    public static IReadOnlyList<string> Describe(IReadOnlyList<SpeedupResult> speedups, IReadOnlyList<PhaseResult> rows, Func<int, string>? describeSize = null)
    {
        describeSize ??= size => ReportFormat.Events(size) + " events";
        var notes = new List<string>();
        foreach (var speedup in speedups.Where(s => s.Average.Rounds > 1 && (s.Average.Min < 1 && s.Average.Max > 1)))
        {
            notes.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"{speedup.Runtime} vs {speedup.Baseline} at {describeSize(speedup.PayloadEvents)}, {speedup.MemoryMb} MB: the per-round average ratio ranged {speedup.Average.Min:0.00}–{speedup.Average.Max:0.00}×, crossing 1, so neither is reliably faster there."));
        }

        var errors = rows.Where(r => r.Client.Errors > 0).ToArray();
        foreach (var row in errors)
        {
            notes.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"{row.Runtime} at {describeSize(row.PayloadEvents)} ({row.Phase.ToString().ToLowerInvariant()}): {row.Client.Errors} request(s) failed and are left out of the latencies."));
        }

        if (rows.Any(r => r.CostBasis == CostBases.ClientLatency))
        {
            notes.Add("Some costs are estimated from client latency (no REPORT records for those targets), which overstates the billed duration.");
        }

        return notes;
    }
}
