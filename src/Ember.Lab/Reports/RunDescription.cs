using System.Globalization;

namespace Ember.Lab.Reports;

/// <summary>The lines that say when, where and how a run was made, shared by every report.</summary>
internal static class RunDescription
{
    public static IEnumerable<string> Lines(LabResults results)
    {
        var meta = results.Metadata;
        var settings = meta.Settings;
        var machine = meta.Machine;
        var inv = CultureInfo.InvariantCulture;
        yield return string.Create(inv, $"Run: {meta.StartedAt:yyyy-MM-dd HH:mm:ss} UTC, {(meta.FinishedAt - meta.StartedAt).TotalSeconds:0} s{(settings.Quick ? " (quick)" : string.Empty)}");
        yield return string.Create(inv, $"Machine: {machine.Cores} cores, {machine.MemoryBytes / (1024.0 * 1024 * 1024):0.#} GiB, {machine.Os}, {machine.DotnetVersion}, {machine.ProcessArchitecture}");
        yield return $"Runtimes: {string.Join(", ", settings.Runtimes)}; baseline {settings.Baseline}";
        yield return settings.PayloadLabels is { } labels
            ? $"Payloads: {string.Join(", ", labels)}; memory {string.Join(", ", settings.MemorySizesMb)} MB"
            : $"Payload sizes (events): {string.Join(", ", settings.Sizes.Select(ReportFormat.Events))}; memory {string.Join(", ", settings.MemorySizesMb)} MB";
        yield return string.Create(inv, $"Cold phase: {settings.ColdStarts} forced cold starts per runtime and size. Warm phase: {settings.WarmupRequests} warm-up requests, then {settings.WarmRequests} requests at concurrency {settings.WarmConcurrency} in {settings.WarmRounds} rounds; runtimes alternate round by round");
        yield return "Percentiles: exact (nearest rank over every successful request)";
    }
}
