using System.Text;
using Ember.Lab.Load;
using Ember.Lab.Reports;
using Ember.Lab.Runner;
using Ember.Lab.Tests.Support;

namespace Ember.Lab.Tests.Reports;

/// <summary>The warm Duration split into the handler's own time and the runtime client around it.</summary>
public sealed class WarmDecompositionTests
{
    [Theory]
    [InlineData("{\"total_events\":3,\"compute_ms\":17,\"language\":\"go\"}", 17.0)]
    [InlineData("{\"compute_ms\": 0}", 0.0)]
    [InlineData("{\"total_events\":3}", null)]
    [InlineData("{\"compute_ms\":\"x\"}", null)]
    [InlineData("{\"compute_ms\":-4}", null)]
    public void ComputeField_ReadsTheHandlersOwnTime(string body, double? expected) =>
        Assert.Equal(expected, ComputeField.Read(Encoding.UTF8.GetBytes(body)));

    [Fact]
    public void Table_SplitsDurationAndSetsTheMachineBesideTheArticle()
    {
        // Given warm rows whose responses said how long the handler took
        var results = SyntheticResults.Create();
        results = results with
        {
            Rows = [.. results.Rows.Select(r => r.Phase == LabPhase.Warm ? r with { HandlerComputeAvgMs = r.Server.DurationAvgMs / 2 } : r)],
        };
        var python = results.Find("python", 20_000, 512, LabPhase.Warm)!;

        // When the report's tables are built
        var table = ReportTables.WarmDecomposition(results, 512, string.Empty)!;

        // Then each warm row is there: handler, the rest of Duration, what lay outside, and at 20,000 events the article's compute
        Assert.Equal(4 * 5, table.Rows.Count);
        var row = table.Rows.Single(r => r[0] == "20,000" && r[1] == python.RuntimeLabel);
        Assert.Equal(ReportFormat.Ms(python.Server.DurationAvgMs / 2), row[4]);
        Assert.Equal(ReportFormat.Ms(python.Server.DurationAvgMs / 2), row[5]);
        Assert.Equal("117.0", row[7]);
        Assert.Equal(ReportFormat.Ratio(python.HandlerComputeAvgMs!.Value / 117), row[8]);
        Assert.Equal("–", table.Rows.Single(r => r[0] == "100" && r[1] == python.RuntimeLabel)[7]);
    }

    [Fact]
    public void Table_WithoutComputeInTheResponses_IsLeftOut() =>
        Assert.Null(ReportTables.WarmDecomposition(SyntheticResults.Create(), 512, string.Empty));
}
