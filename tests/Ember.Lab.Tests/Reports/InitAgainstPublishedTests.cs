using Ember.Lab.Reports;
using Ember.Lab.Runner;
using Ember.Lab.Tests.Support;

namespace Ember.Lab.Tests.Reports;

public sealed class InitAgainstPublishedTests
{
    [Fact]
    public void InitAgainstPublished_SyntheticResults_SetsEachRuntimeBesideItsPublishedFigure()
    {
        // Given synthetic results at 512 MB, every runtime cold-started at five sizes
        var results = SyntheticResults.Create();
        var aotInits = results.Cold.Where(r => r.Runtime == "csharp-aot").SelectMany(r => r.InitDurationMs).ToArray();

        // When the Init comparison is built
        var table = ReportTables.InitAgainstPublished(results, 512, string.Empty);

        // Then each runtime has its local mean, the published figure, the row compared with, the difference and the ratio
        Assert.NotNull(table);
        Assert.Equal(4, table.Rows.Count);
        var aot = table.Rows.Single(r => r[0] == "C# (Native AOT)");
        Assert.Equal(
            [
                "C# (Native AOT)",
                "published: .NET 10 AOT",
                ReportFormat.Ms(aotInits.Average()),
                "74.7",
                ReportFormat.SignedMs(aotInits.Average() - 74.65),
                ReportFormat.Ratio(aotInits.Average() / 74.65),
            ],
            aot);
        Assert.Equal("published: .NET 10 managed", table.Rows.Single(r => r[0] == "C# (JIT)")[1]);
        Assert.Equal("83.0", table.Rows.Single(r => r[0] == "Python")[3]);

        // And the footnote gives the source, its date, the size used, and why the figures cannot match
        Assert.Contains("maxday lambda-perf", table.Caption, StringComparison.Ordinal);
        Assert.Contains("data/2026-08-22.json (generated 2026-08-22)", table.Caption, StringComparison.Ordinal);
        Assert.Contains("x86_64, at 512 MB;", table.Caption, StringComparison.Ordinal);
        Assert.Contains("platform's own share", table.Caption, StringComparison.Ordinal);
        Assert.Contains("reports 18.2 ms there", table.Caption, StringComparison.Ordinal);
    }

    [Fact]
    public void InitAgainstPublished_SizeNotPublished_SaysWhichSizeItUsed()
    {
        var results = SyntheticResults.Create(memorySizes: [1769]);

        var table = ReportTables.InitAgainstPublished(results, 1769, " (1769 MB)");

        Assert.NotNull(table);
        Assert.Equal("Init Duration against AWS (published) (1769 MB)", table.Title);
        Assert.Contains("at 1024 MB, the published size nearest 1769 MB", table.Caption, StringComparison.Ordinal);
        Assert.Equal("72.3", table.Rows.Single(r => r[0] == "C# (Native AOT)")[3]);
    }

    [Fact]
    public void InitAgainstPublished_NoRuntimeThePublishedTableKnows_IsLeftOut()
    {
        // Given results whose runtimes the table maps to nothing (remote targets, renamed runtimes)
        var results = SyntheticResults.Create();
        results = results with { Rows = [.. results.Rows.Select(r => r with { PublishedInit = null })] };

        // Then there is no comparison to print, and the latency table shows dashes
        Assert.Null(ReportTables.InitAgainstPublished(results, 512, string.Empty));
        var latency = ReportTables.Latency(results, 512, string.Empty);
        var column = latency.Headers.ToList().IndexOf("AWS Init ms (published)");
        Assert.All(latency.Rows, r => Assert.Equal("–", r[column]));
    }

    [Fact]
    public void Latency_ColdRow_ShowsTheAwsInitAndTheDifferenceBesideTheLocalInit()
    {
        var results = SyntheticResults.Create();
        var cold = results.Find("go", 5_000, 512, LabPhase.Cold)!;

        var latency = ReportTables.Latency(results, 512, string.Empty);

        var headers = latency.Headers.ToList();
        var init = headers.IndexOf("Init ms");
        Assert.Equal(["Init ms", "AWS Init ms (published)", "Init − AWS ms"], headers.Skip(init).Take(3));
        var row = latency.Rows.Single(r => r[0] == "5,000" && r[1] == "Go");
        Assert.Equal(ReportFormat.Ms(cold.Server.InitDurationAvgMs), row[init]);
        Assert.Equal("48.6", row[init + 1]);
        Assert.Equal(ReportFormat.SignedMs(cold.Server.InitDurationAvgMs - 48.633), row[init + 2]);
        Assert.Contains("maxday lambda-perf, 2026-08-22", latency.Caption, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(12.34, "+12.3")]
    [InlineData(-63.26, "−63.3")]
    [InlineData(0.0, "+0.0")]
    [InlineData(double.NaN, "–")]
    public void SignedMs_ShowsTheSignAlways(double value, string expected)
    {
        Assert.Equal(expected, ReportFormat.SignedMs(value));
    }
}
