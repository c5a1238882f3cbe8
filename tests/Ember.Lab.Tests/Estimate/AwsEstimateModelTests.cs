using Ember.Lab.Estimate;
using Ember.Lab.Published;
using Ember.Lab.Reports;
using Ember.Lab.Runner;
using Ember.Lab.Tests.Support;

namespace Ember.Lab.Tests.Estimate;

/// <summary>The lab's AWS estimate: its fit, its anchored and model-only estimates, its verdicts.</summary>
public sealed class AwsEstimateModelTests
{
    private static readonly AwsEstimateModel s_model = AwsEstimateModel.Default;

    private static ServerFigures Like(CalibrationPoint point, double extraInitMs = 0, double extraFileMb = 0, double extraDurationMs = 0, double extraMemoryMb = 0) =>
        new(10, point.FirstDurationMs + extraDurationMs, point.FirstDurationMs + extraDurationMs, 1, point.MaxMemoryUsedMb + extraMemoryMb,
            point.InitMs + extraInitMs, point.ResidentFileMb + extraFileMb, point.ResidentAnonymousMb);

    private static CalibrationPoint Point(string id) => s_model.Calibration.Points.Single(p => p.Id == id);

    [Fact]
    public void Calibration_CoversTheLabsRuntimesAndOtherLanguages_FromItsCommand()
    {
        var ids = s_model.Calibration.Points.Select(p => p.Id).ToArray();

        Assert.Superset(new HashSet<string>(["csharp-aot", "csharp-jit", "go", "python"]), ids.ToHashSet());
        Assert.True(ids.Length >= 6, "other languages than the lab's calibrate the model across runtimes");
        Assert.StartsWith("tools/estimate/calibrate.sh", s_model.Calibration.Command, StringComparison.Ordinal);
        Assert.All(s_model.Calibration.Points, p => PublishedInitTable.Default.Runtime(p.Published));
        Assert.True(s_model.PerFileMbMs > 0, "a MB touched during init costs more on AWS, not less");
        Assert.Equal(ids, s_model.LeaveOneOut.Select(l => l.Id));
    }

    [Theory]
    [InlineData("go")]
    [InlineData("csharp-aot")]
    [InlineData("python")]
    [InlineData("csharp-jit")]
    public void LabRuntime_AsMeasuredInCalibration_IsEstimatedAtItsPublishedFigure(string runtime)
    {
        var point = Point(runtime);
        var published = PublishedInitTable.Default.For(runtime, 512)!;

        var estimate = s_model.For(runtime, 512, Like(point))!;

        Assert.Equal(AwsEstimateModel.Anchored, estimate.Basis);
        Assert.Equal(point.Published, estimate.Anchor);
        Assert.Equal(published.InitMs, estimate.InitMs, 6);
        Assert.Equal(published.FirstDurationMs!.Value, estimate.FirstDurationMs, 6);
        Assert.Equal(published.MaxMemoryUsedMb, estimate.MaxMemoryUsedMb, 6);
    }

    [Fact]
    public void LabRuntimes_AtTheirCalibration_AreInAwssOrderAt512Mb()
    {
        string[] order = ["go", "csharp-aot", "python", "csharp-jit"];

        var estimates = order.Select(r => s_model.For(r, 512, Like(Point(r)))!.InitMs).ToArray();

        Assert.Equal(estimates.Order(), estimates);
    }

    [Fact]
    public void Function_DoingMoreThanItsRuntimesCalibration_AddsItsExtraInitAndPagesAndWork()
    {
        // Given a Python function whose init takes 100 ms longer here and touches 10 MB more files, and whose
        // first invocation runs 40 ms longer and holds 20 MB more
        var point = Point("python");
        var published = PublishedInitTable.Default.For("python", 512)!;

        var estimate = s_model.For("python", 512, Like(point, extraInitMs: 100, extraFileMb: 10, extraDurationMs: 40, extraMemoryMb: 20))!;

        // Then AWS would show the published Python figures plus that extra, the pages at the model's price
        Assert.Equal(published.InitMs + 100 + (10 * s_model.PerFileMbMs), estimate.InitMs, 6);
        Assert.Equal(published.FirstDurationMs!.Value + 40, estimate.FirstDurationMs, 6);
        Assert.Equal(published.MaxMemoryUsedMb + 20, estimate.MaxMemoryUsedMb, 6);
    }

    [Fact]
    public void FunctionOfAnotherRuntime_WithItsResidentMemory_GetsTheModelAlone()
    {
        var server = new ServerFigures(10, 3, 4, 4, 30, 50, 20, 2);

        var estimate = s_model.For("my-function", 512, server)!;

        Assert.Equal(AwsEstimateModel.ModelOnly, estimate.Basis);
        Assert.Null(estimate.Anchor);
        Assert.Equal(50 + s_model.PlatformMs + (20 * s_model.PerFileMbMs), estimate.InitMs, 6);
        Assert.Equal(3 + s_model.FirstDurationOffsetMs, estimate.FirstDurationMs, 6);
        Assert.Equal(30 + s_model.MemoryOffsetMb, estimate.MaxMemoryUsedMb, 6);
    }

    [Fact]
    public void FunctionBehindAnEndpoint_WithoutResidentMemoryOrInit_HasNoEstimate()
    {
        Assert.Null(s_model.For("my-function", 512, new ServerFigures(10, 3, 4, 4, 30, 50)));
        Assert.Null(s_model.For("go", 512, new ServerFigures(10, 3, 4, 4, 30, null)));
    }

    [Fact]
    public void LeaveOneOut_PredictsEachPointFromAFitWithoutIt()
    {
        // A point left out is predicted by a fit over the others: never the full fit's value unless the point was on its line
        Assert.All(s_model.LeaveOneOut, l =>
        {
            Assert.True(double.IsFinite(l.Error));
            Assert.True(Math.Abs(l.Error) >= Math.Abs(l.FittedError) - 1e-9, $"{l.Id}: left out it cannot fit better than fitted on");
        });
    }

    [Fact]
    public void Verdict_FastestHereIsNotFastestOnAws_SaysSoInTheReport()
    {
        // Given synthetic results where one runtime is fastest here but, on AWS, another is
        var results = SyntheticResults.Create();
        var rows = results.Rows.Select(r => r.Phase != LabPhase.Cold || r.PayloadEvents != 100 ? r : r.Runtime switch
        {
            "csharp-aot" => r with { Server = r.Server with { InitDurationAvgMs = 1 }, AwsEstimate = r.AwsEstimate! with { InitMs = 900 } },
            "go" => r with { Server = r.Server with { InitDurationAvgMs = 500 }, AwsEstimate = r.AwsEstimate! with { InitMs = 10 } },
            _ => r,
        }).ToList();
        results = results with { Rows = rows };

        var verdict = results.Verdicts.Single(v => v.PayloadEvents == 100);
        using var writer = new StringWriter();
        MarkdownReportWriter.Write(results, [], writer);
        var markdown = writer.ToString();

        Assert.Equal(("csharp-aot", "go", false), (verdict.HereRuntime, verdict.AwsRuntime, verdict.Agree));
        Assert.Contains("Verdict: the fastest cold start, here and on AWS", markdown, StringComparison.Ordinal);
        Assert.Contains("AWS estimate (cold starts)", markdown, StringComparison.Ordinal);
        Assert.Contains("\"verdicts\"", JsonResultsWriter.ToJson(results), StringComparison.Ordinal);
    }
}
