namespace Ember.Lab.Reports;

/// <summary>A table of the report, independent of where it is printed: Markdown, HTML and the terminal render the same ones.</summary>
internal sealed record ReportTable(string Title, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows, string? Caption = null);
