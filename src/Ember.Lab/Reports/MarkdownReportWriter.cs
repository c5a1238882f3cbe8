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
