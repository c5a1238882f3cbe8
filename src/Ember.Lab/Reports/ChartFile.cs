namespace Ember.Lab.Reports;

/// <summary>A chart written to disk.</summary>
internal sealed record ChartFile(string Name, string Path, string Title);
