using Spectre.Console;

namespace Ember.Lab.Reports;

/// <summary>Prints the report's tables on the terminal with Spectre.Console.</summary>
internal static class TerminalPresenter
{
    public static void Present(LabResults results, IAnsiConsole console)
    {
        foreach (var line in RunDescription.Lines(results))
        {
            console.MarkupLine($"[grey]{Markup.Escape(line)}[/]");
        }

        foreach (var table in ReportTables.Build(results))
        {
            console.Write(ToSpectre(table));
        }

        foreach (var note in results.Metadata.Notes)
        {
            console.MarkupLine($"[yellow]note:[/] {Markup.Escape(note)}");
        }
    }

    public static Table ToSpectre(ReportTable table)
    {
        var spectre = new Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(table.Title)}[/]");
        for (var i = 0; i < table.Headers.Count; i++)
        {
            var column = new TableColumn(Markup.Escape(table.Headers[i]));
            spectre.AddColumn(i < 2 ? column : column.RightAligned());
        }

        foreach (var row in table.Rows)
        {
            spectre.AddRow([.. row.Select(Markup.Escape)]);
        }

        if (table.Caption is { } caption)
        {
            spectre.Caption($"[grey]{Markup.Escape(caption)}[/]");
        }

        return spectre;
    }
}
