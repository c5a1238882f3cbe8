using System.Net;

namespace Ember.Lab.Reports;

/// <summary><c>report.html</c>: the same tables as the Markdown report, with the charts embedded as data URIs so the one file is the whole report.</summary>
internal static class HtmlReportWriter
{
    public static void Write(LabResults results, IReadOnlyList<ChartFile> charts, TextWriter writer)
    {
        writer.WriteLine("<!DOCTYPE html>");
        writer.WriteLine("<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Ember lab report</title>");
        writer.WriteLine("<style>body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}" +
            "table{border-collapse:collapse;margin:1em 0;font-size:14px}th,td{border:1px solid #ccc;padding:4px 8px}" +
            "td{text-align:right}td:nth-child(-n+2){text-align:left}th{background:#f3f3f3}tr:nth-child(even){background:#fafafa}" +
            "p.caption{color:#555;font-size:13px}img{max-width:100%;border:1px solid #ddd;margin:1em 0}</style></head><body>");
        writer.WriteLine("<h1>Ember lab report</h1><ul>");
        foreach (var line in RunDescription.Lines(results))
        {
            writer.WriteLine($"<li>{E(line)}</li>");
        }

        writer.WriteLine("</ul>");
        foreach (var table in ReportTables.Build(results))
        {
            writer.WriteLine($"<h2>{E(table.Title)}</h2><table><thead><tr>");
            foreach (var header in table.Headers)
            {
                writer.Write($"<th>{E(header)}</th>");
            }

            writer.WriteLine("</tr></thead><tbody>");
            foreach (var row in table.Rows)
            {
                writer.WriteLine("<tr>" + string.Concat(row.Select(c => $"<td>{E(c)}</td>")) + "</tr>");
            }

            writer.WriteLine("</tbody></table>");
            if (table.Caption is { } caption)
            {
                writer.WriteLine($"<p class=\"caption\">{E(caption)}</p>");
            }
        }

        writer.WriteLine("<h2>Spread and notes</h2><ul>");
        foreach (var note in results.Metadata.Notes)
        {
            writer.WriteLine($"<li>{E(note)}</li>");
        }

        writer.WriteLine("</ul>");
        if (charts.Count > 0)
        {
            writer.WriteLine("<h2>Charts</h2>");
            foreach (var chart in charts)
            {
                var data = Convert.ToBase64String(File.ReadAllBytes(chart.Path));
                writer.WriteLine($"<figure><img alt=\"{E(chart.Title)}\" src=\"data:image/png;base64,{data}\"><figcaption>{E(chart.Title)} ({E(Path.GetFileName(chart.Path))})</figcaption></figure>");
            }
        }

        writer.WriteLine("</body></html>");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
