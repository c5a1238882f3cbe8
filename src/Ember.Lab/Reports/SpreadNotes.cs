using System.Globalization;
using Ember.Lab.Runner;

namespace Ember.Lab.Reports;

/// <summary>Plain sentences about how steady the run was, for the report's "spread" section.</summary>
internal static class SpreadNotes
{
    public static IReadOnlyList<string> Describe(IReadOnlyList<SpeedupResult> speedups, IReadOnlyList<PhaseResult> rows)
    {
        var notes = new List<string>();
        foreach (var speedup in speedups.Where(s => s.Average.Rounds > 1 && (s.Average.Min < 1 && s.Average.Max > 1)))
        {
            notes.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"{speedup.Runtime} vs {speedup.Baseline} at {speedup.PayloadEvents} events, {speedup.MemoryMb} MB: the per-round average ratio ranged {speedup.Average.Min:0.00}–{speedup.Average.Max:0.00}×, crossing 1, so neither is reliably faster there."));
        }

        var errors = rows.Where(r => r.Client.Errors > 0).ToArray();
        foreach (var row in errors)
        {
            notes.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"{row.Runtime} at {row.PayloadEvents} events ({row.Phase.ToString().ToLowerInvariant()}): {row.Client.Errors} request(s) failed and are left out of the latencies."));
        }

        if (rows.Any(r => r.CostBasis == CostBases.ClientLatency))
        {
            notes.Add("Some costs are estimated from client latency (no REPORT records for those targets), which overstates the billed duration.");
        }

        return notes;
    }
}
