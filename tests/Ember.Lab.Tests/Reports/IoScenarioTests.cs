using Ember.Lab.Reports;
using Ember.Lab.Runner;
using Ember.Lab.Tests.Support;

namespace Ember.Lab.Tests.Reports;

/// <summary>`ember lab --scenario io`: each I/O-bound variant is compared with the baseline's own variant, and the report says what the write leaves.</summary>
public sealed class IoScenarioTests
{
    private static LabResults WithIoVariants(double addedMs)
    {
        var synthetic = SyntheticResults.Create();
        var io = synthetic.Rows
            .Where(r => r.Runtime is "go" or "python" or "csharp-aot")
            .Select(r => r with
            {
                Runtime = r.Runtime + "-io",
                RuntimeLabel = r.RuntimeLabel + " + PutItem",
                Client = r.Client with { AverageMs = r.Client.AverageMs + addedMs, P95Ms = r.Client.P95Ms + addedMs },
                RoundAveragesMs = [.. r.RoundAveragesMs.Select(ms => ms + addedMs)],
                RoundP95sMs = [.. r.RoundP95sMs.Select(ms => ms + addedMs)],
            });
        List<PhaseResult> rows = [.. synthetic.Rows, .. io];
        var speedups = LabRunner.BuildSpeedups(rows, new LabOptions { OutputDirectory = "unused", Baseline = "python" });
        return synthetic with { Rows = rows, Speedups = speedups };
    }

    [Fact]
    public void Speedups_OfIoVariants_AreAgainstTheBaselinesOwnVariant()
    {
        var results = WithIoVariants(addedMs: 10);

        Assert.All(results.Speedups.Where(s => s.Runtime.EndsWith("-io", StringComparison.Ordinal)), s => Assert.Equal("python-io", s.Baseline));
        Assert.All(results.Speedups.Where(s => !s.Runtime.EndsWith("-io", StringComparison.Ordinal)), s => Assert.Equal("python", s.Baseline));
        Assert.DoesNotContain(results.Speedups, s => s.Runtime == "python-io");
        var go = results.Speedups.Single(s => s.Runtime == "go-io" && s.PayloadEvents == 20_000);
        var goWarm = results.Find("go-io", 20_000, 512, LabPhase.Warm)!;
        var pythonWarm = results.Find("python-io", 20_000, 512, LabPhase.Warm)!;
        Assert.Equal(pythonWarm.Client.AverageMs / goWarm.Client.AverageMs, go.Average.Overall, 9);
    }

    [Fact]
    public void Report_HasTheIoTable_WithTheAddedTimeAndTheAdvantageKept()
    {
        var results = WithIoVariants(addedMs: 10);

        var table = ReportTables.IoAdvantage(results, 512, "")!;
        using var writer = new StringWriter();
        MarkdownReportWriter.Write(results, [], writer);
        var markdown = writer.ToString();

        Assert.Contains("What one DynamoDB write leaves of each runtime's advantage", markdown);
        var csharp = table.Rows.Single(r => r[0] == "20,000" && r[1] == "C# (Native AOT)");
        Assert.Equal("+10.0", csharp[4]);
        // C# is faster than Python in compute; a fixed 10 ms added to both narrows the ratio: some, not all, is kept.
        var kept = double.Parse(csharp[7].TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(kept, 1, 99);
        Assert.Null(ReportTables.IoAdvantage(SyntheticResults.Create(), 512, ""));
    }
}
