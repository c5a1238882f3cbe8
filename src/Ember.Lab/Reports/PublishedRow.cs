namespace Ember.Lab.Reports;

/// <summary>One row of the reference experiment's published table (AWS Lambda, 512 MB, arm64, 30 iterations).</summary>
internal sealed record PublishedRow(int Events, double PythonAvgMs, double PythonP95Ms, double PythonColdMs, double GoAvgMs, double GoP95Ms, double GoColdMs);
