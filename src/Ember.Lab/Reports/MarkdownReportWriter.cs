using System.Globalization;

namespace Ember.Lab.Reports;

/// <summary><c>report.md</c>: the run's setting, the article's tables, the spread notes and the charts.</summary>
internal static class MarkdownReportWriter
{
    public static void Write(LabResults results, IReadOnlyList<ChartFile> charts, TextWriter writer)
    {
        var meta = results.Metadata;
        writer.WriteLine("# Ember lab report");
        writer.WriteLine();
        foreach (var line in RunDescription.Lines(results))
        {
            writer.WriteLine($"- {line}");
        }

        foreach (var table in ReportTables.Build(results))
        {
            writer.WriteLine();
            writer.WriteLine($"## {table.Title}");
            writer.WriteLine();
            writer.WriteLine("| " + string.Join(" | ", table.Headers.Select(EscapeCell)) + " |");
            writer.WriteLine("|" + string.Join("|", table.Headers.Select((_, i) => i < 2 ? "---" : "---:")) + "|");
            foreach (var row in table.Rows)
            {
                writer.WriteLine("| " + string.Join(" | ", row.Select(EscapeCell)) + " |");
            }

            if (table.Caption is { } caption)
            {
                writer.WriteLine();
                writer.WriteLine(caption);
            }
        }

        writer.WriteLine();
        writer.WriteLine("## Spread and notes");
        writer.WriteLine();
        if (meta.Notes.Count == 0)
        {
            writer.WriteLine("Every ratio kept its side of 1 in every round, and no request failed.");
        }

        foreach (var note in meta.Notes)
        {
            writer.WriteLine($"- {note}");
        }

        if (charts.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine("## Charts");
            foreach (var chart in charts)
            {
                writer.WriteLine();
                writer.WriteLine($"![{chart.Title}]({Path.GetFileName(chart.Path)})");
            }
        }
    }

    private static string EscapeCell(string cell) => cell.Replace("|", "\\|", StringComparison.Ordinal);
}

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
        yield return $"Payload sizes (events): {string.Join(", ", settings.Sizes.Select(ReportFormat.Events))}; memory {string.Join(", ", settings.MemorySizesMb)} MB";
        yield return string.Create(inv, $"Cold phase: {settings.ColdStarts} forced cold starts per runtime and size. Warm phase: {settings.WarmupRequests} warm-up requests, then {settings.WarmRequests} requests at concurrency {settings.WarmConcurrency} in {settings.WarmRounds} rounds; runtimes alternate round by round");
        yield return "Percentiles: exact (nearest rank over every successful request)";
    }
}
