namespace Ember.Lab.Reports;

/// <summary>The files one lab run leaves in its output folder.</summary>
internal sealed record ReportFiles(string Directory, string Markdown, string Csv, string Json, string Html, IReadOnlyList<ChartFile> Charts)
{
    public IEnumerable<string> All => new[] { Markdown, Csv, Json, Html }.Concat(Charts.Select(c => c.Path));
}
