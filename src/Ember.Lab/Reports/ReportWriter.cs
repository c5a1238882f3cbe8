using System.Text;

namespace Ember.Lab.Reports;

/// <summary>Writes every output of a run: charts first (the reports link or embed them), then report.md, results.csv, results.json, report.html.</summary>
internal static class ReportWriter
{
    public const string MarkdownFile = "report.md";
    public const string CsvFile = "results.csv";
    public const string JsonFile = "results.json";
    public const string HtmlFile = "report.html";

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static async Task<ReportFiles> WriteAllAsync(LabResults results, string directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        Directory.CreateDirectory(directory);
        var charts = ChartRenderer.RenderAll(results, directory);

        var markdown = Path.Combine(directory, MarkdownFile);
        await WriteTextAsync(markdown, w => MarkdownReportWriter.Write(results, charts, w), cancellationToken).ConfigureAwait(false);

        var csv = Path.Combine(directory, CsvFile);
        await WriteTextAsync(csv, w => CsvResultsWriter.Write(results, w), cancellationToken).ConfigureAwait(false);

        var json = Path.Combine(directory, JsonFile);
        var stream = File.Create(json);
        await using (stream.ConfigureAwait(false))
        {
            await JsonResultsWriter.WriteAsync(results, stream, cancellationToken).ConfigureAwait(false);
        }

        var html = Path.Combine(directory, HtmlFile);
        await WriteTextAsync(html, w => HtmlReportWriter.Write(results, charts, w), cancellationToken).ConfigureAwait(false);
        return new ReportFiles(directory, markdown, csv, json, html, charts);
    }

    private static async Task WriteTextAsync(string path, Action<TextWriter> write, CancellationToken cancellationToken)
    {
        var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" };
        write(writer);
        await File.WriteAllTextAsync(path, writer.ToString(), Utf8NoBom, cancellationToken).ConfigureAwait(false);
    }
}
