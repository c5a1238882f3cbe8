using System.Collections.Concurrent;
using System.Text;
using Ember.Lab.Published;
using Ember.Lab.Reports;
using Ember.Lab.Runner;
using Ember.Lab.Tests.Support;

namespace Ember.Lab.Tests.Runner;

public sealed class LabRunnerTests
{
    [Fact]
    public async Task RunAsync_TwoFakeRuntimes_AlternatesRoundByRoundAndFillsEveryFigure()
    {
        // Given two fake functions behind one loopback server
        var journal = new ConcurrentQueue<string>();
        var targets = new Dictionary<string, FakeLabTarget>();
        await using var server = await LoopbackServer.StartAsync(context => targets[context.Request.Path.Value!.Trim('/')].HandleAsync(context));
        targets["fast"] = new FakeLabTarget("fast", server.BaseUrl, journal, initMs: 40, durationMs: 2.2);
        targets["python"] = new FakeLabTarget("python", server.BaseUrl, journal, initMs: 160, durationMs: 9.5);
        var options = new LabOptions
        {
            OutputDirectory = "unused",
            Runtimes = ["fast", "python"],
            Sizes = [10, 100],
            MemorySizesMb = [256],
            ColdStarts = 3,
            WarmRequests = 12,
            WarmConcurrency = 3,
            WarmRounds = 3,
            WarmupRequests = 2,
        };
        var progress = new RecordingProgress();
        var payloadSizes = new List<int>();
        var runner = new LabRunner(
            [targets["fast"], targets["python"]],
            size =>
            {
                payloadSizes.Add(size);
                return Encoding.UTF8.GetBytes("[" + string.Join(',', Enumerable.Repeat("{}", size)) + "]");
            },
            progress);

        // When the lab runs
        var results = await runner.RunAsync(options, CancellationToken.None);

        // Then the runtimes took turns in both phases: A B A B …, never A A B B
        Assert.Equal([10, 100], payloadSizes);
        var colds = journal.Where(j => j.StartsWith("cold", StringComparison.Ordinal)).ToArray();
        Assert.Equal(Enumerable.Repeat(new[] { "cold fast", "cold python" }, 6).SelectMany(p => p), colds);
        var warmOrder = progress.Steps.Where(s => s.Phase == LabPhase.Warm && s.PayloadEvents == 10).Select(s => $"{s.Runtime}{s.Round}");
        Assert.Equal(["fast1", "python1", "fast2", "python2", "fast3", "python3"], warmOrder);
        Assert.Equal(progress.TotalSteps, progress.Steps.Count);
        Assert.Equal(2 * ((3 * 2) + (3 * 2)), progress.TotalSteps);
        Assert.True(progress.IsFinished);
        Assert.Contains("memory fast 256", journal);

        // And one row per runtime × size × phase, with every figure
        Assert.Equal(8, results.Rows.Count);
        var cold = results.Find("python", 100, 256, LabPhase.Cold)!;
        Assert.Equal(3, cold.Client.Count);
        Assert.Equal(3, cold.ColdStartClientMs.Count);
        Assert.Equal([160.0, 160.0, 160.0], cold.InitDurationMs);
        Assert.Equal(160, cold.Server.InitDurationAvgMs);
        Assert.Equal(3, cold.RoundAveragesMs.Count);
        Assert.Equal(1234, cold.PackageSizeBytes);
        Assert.Equal(CostBases.ServerBilled, cold.CostBasis);

        // And the cold rows carry the published AWS Init of the runtime the table maps them to, at the nearest size
        Assert.Equal(new PublishedInit("python312", "published: Python 3.12", 256, 83.844, 37, 16.233, 1.92), cold.PublishedInit);
        Assert.Null(results.Find("fast", 100, 256, LabPhase.Cold)!.PublishedInit);
        Assert.Equal("data/2026-08-22.json", results.Metadata.PublishedInit.File);

        var warm = results.Find("python", 100, 256, LabPhase.Warm)!;
        Assert.Equal(12, warm.Client.Count);
        Assert.Equal(0, warm.Client.Errors);
        Assert.Equal(12, warm.Server.Reports);
        Assert.Equal(9.5, warm.Server.DurationAvgMs);
        Assert.Equal(10, warm.Server.BilledDurationAvgMs);
        Assert.Equal(40, warm.Server.MaxMemoryUsedMb);
        // and the handler's own time, read from each response's compute_ms
        Assert.Equal(4, warm.HandlerComputeAvgMs);
        Assert.Null(warm.Server.InitDurationAvgMs);
        Assert.Equal(3, warm.RoundP95sMs.Count);

        // Warm at 256 MB, 10 ms billed: 0.25 GB × 0.010 s × 1e6 = 2,500 GB-s
        Assert.Equal(0.20m + (2_500m * 0.0000166667m), warm.CostPerMillionX86);
        Assert.Equal(0.20m + (2_500m * 0.0000133334m), warm.CostPerMillionArm);

        // Cold: 10 ms + 160 ms init billed: 0.25 × 0.170 × 1e6 = 42,500 GB-s
        Assert.Equal(0.20m + (42_500m * 0.0000166667m), cold.CostPerMillionX86);

        // And the speedups are against the baseline, with per-round spreads
        var speedup = Assert.Single(results.Speedups, s => s.PayloadEvents == 100);
        Assert.Equal("fast", speedup.Runtime);
        Assert.Equal("python", speedup.Baseline);
        Assert.Equal(3, speedup.Average.Rounds);
        Assert.Equal(3, speedup.ColdStart!.Rounds);
        Assert.Equal(2, results.Metadata.Settings.Runtimes.Count);
        Assert.Equal(Environment.ProcessorCount, results.Metadata.Machine.Cores);

        // And what the runner produced is what the report writers take, charts included
        using var temp = new TempDirectory();
        var files = await ReportWriter.WriteAllAsync(results, temp.Path, CancellationToken.None);
        Assert.All(files.All, f => Assert.True(new FileInfo(f).Length > 0, f));
        Assert.Equal(3, files.Charts.Count);
    }

    [Fact]
    public async Task RunAsync_RemoteTargetAndFailures_SkipsColdPhaseAndCountsErrors()
    {
        // Given a remote-like target (no cold starts) and a baseline whose every invocation fails
        var journal = new ConcurrentQueue<string>();
        var targets = new Dictionary<string, FakeLabTarget>();
        await using var server = await LoopbackServer.StartAsync(context => targets[context.Request.Path.Value!.Trim('/')].HandleAsync(context));
        targets["remote"] = new FakeLabTarget("remote", server.BaseUrl, journal, 0, 1) { CanForceColdStart = false };
        targets["python"] = new FakeLabTarget("python", server.BaseUrl, journal, 100, 5) { FailEveryInvocation = true };
        var options = new LabOptions
        {
            OutputDirectory = "unused",
            Runtimes = ["remote", "python"],
            Sizes = [5],
            ColdStarts = 2,
            WarmRequests = 4,
            WarmConcurrency = 2,
            WarmRounds = 2,
            WarmupRequests = 0,
        };

        // When the lab runs
        var results = await new LabRunner([targets["remote"], targets["python"]], _ => "[]"u8.ToArray()).RunAsync(options, CancellationToken.None);

        // Then the remote target has a warm row only, and the failing one reports its errors
        Assert.Null(results.Find("remote", 5, 512, LabPhase.Cold));
        Assert.NotNull(results.Find("remote", 5, 512, LabPhase.Warm));
        Assert.DoesNotContain("cold remote", journal);
        var failing = results.Find("python", 5, 512, LabPhase.Warm)!;
        Assert.Equal(4, failing.Client.Errors);
        Assert.Equal(0, failing.Client.Count);
        Assert.Contains(results.Metadata.Notes, n => n.Contains("failed", StringComparison.Ordinal));
        Assert.True(double.IsNaN(Assert.Single(results.Speedups).Average.Overall));
    }

    [Fact]
    public async Task RunAsync_BaselineWithoutTarget_ThrowsNamingTheFlag()
    {
        var options = new LabOptions { OutputDirectory = "x", Runtimes = ["go"], Baseline = "go" };
        var target = new FakeLabTarget("python", new Uri("http://127.0.0.1:1/"), new ConcurrentQueue<string>(), 0, 0);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => new LabRunner([target], _ => default).RunAsync(options, CancellationToken.None));

        Assert.Contains("--baseline", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(200, 5, new[] { 40, 40, 40, 40, 40 })]
    [InlineData(10, 3, new[] { 4, 3, 3 })]
    [InlineData(60, 3, new[] { 20, 20, 20 })]
    public void SplitEvenly_SpreadsTheRemainderOverTheFirstRounds(int total, int parts, int[] expected)
    {
        Assert.Equal(expected, LabRunner.SplitEvenly(total, parts));
    }
}

public sealed class LabRunNotesTests
{
    [Fact]
    public void RunNotes_RoundsSmallerThanConcurrency_SaysTheConcurrencyWasCapped()
    {
        var options = new LabOptions { OutputDirectory = "x", WarmRequests = 200, WarmConcurrency = 50, WarmRounds = 5 };

        var note = Assert.Single(LabRunner.RunNotes(options, cores: 64));

        Assert.Contains("40 requests per runtime, fewer than -c 50", note, StringComparison.Ordinal);
    }

    [Fact]
    public void RunNotes_DefaultsOnAMachineWithCoresToSpare_SayNothing()
    {
        Assert.Empty(LabRunner.RunNotes(new LabOptions { OutputDirectory = "x" }, cores: 64));
    }

    [Fact]
    public void RunNotes_MoreVcpusAskedThanCores_SaysTheMachineBoundsTheWarmPhase()
    {
        // 20 environments at 512 MB would have 5.8 vCPUs between them on Lambda.
        var note = Assert.Single(LabRunner.RunNotes(new LabOptions { OutputDirectory = "x" }, cores: 2));

        Assert.Contains("At 512 MB, 20 concurrent environments would get 5.8 vCPUs on Lambda but share this machine's 2 cores", note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_StoppedPartWay_ReportsWhatWasMeasuredAndSaysSo()
    {
        // Given a run that is stopped (Ctrl+C) once the cold phase of the first size is done
        var journal = new ConcurrentQueue<string>();
        var targets = new Dictionary<string, FakeLabTarget>();
        await using var server = await LoopbackServer.StartAsync(context => targets[context.Request.Path.Value!.Trim('/')].HandleAsync(context));
        targets["fast"] = new FakeLabTarget("fast", server.BaseUrl, journal, initMs: 40, durationMs: 2.2);
        targets["python"] = new FakeLabTarget("python", server.BaseUrl, journal, initMs: 160, durationMs: 9.5);
        var options = new LabOptions
        {
            OutputDirectory = "unused",
            Runtimes = ["fast", "python"],
            Sizes = [10, 100],
            MemorySizesMb = [256, 512],
            ColdStarts = 1,
            WarmRequests = 4,
            WarmConcurrency = 1,
            WarmRounds = 1,
            WarmupRequests = 0,
        };
        using var stop = new CancellationTokenSource();
        var progress = new StoppingProgress(stop, afterSteps: 2);
        var runner = new LabRunner([targets["fast"], targets["python"]], _ => "[]"u8.ToArray(), progress);

        // When the lab runs
        var results = await runner.RunAsync(options, stop.Token);

        // Then the cells measured so far are rows, nothing else is, and the notes say the run stopped early
        Assert.Equal([("fast", 10, LabPhase.Cold), ("python", 10, LabPhase.Cold)], results.Rows.Select(r => (r.Runtime, r.PayloadEvents, r.Phase)));
        Assert.All(results.Rows, r => Assert.Equal(256, r.MemoryMb));
        Assert.Contains(results.Metadata.Notes, n => n.StartsWith("Stopped early (Ctrl+C) after 2 of", StringComparison.Ordinal));
    }

    private sealed class StoppingProgress(CancellationTokenSource stop, int afterSteps) : ILabProgress
    {
        public void Started(int totalSteps)
        {
        }

        public void StepCompleted(LabProgressStep step)
        {
            if (step.CompletedSteps == afterSteps)
            {
                stop.Cancel();
            }
        }

        public void Note(string message)
        {
        }

        public void Finished()
        {
        }
    }

    [Fact]
    public async Task RunAsync_Burst_CountsServedAndThrottledPerRuntimeAndPutsTheReservationBack()
    {
        // Given a function that admits 2 at a time, and a burst of 6 from 6 clients
        var journal = new ConcurrentQueue<string>();
        FakeLabTarget? target = null;
        await using var server = await LoopbackServer.StartAsync(context => target!.HandleAsync(context));
        target = new FakeLabTarget("python", server.BaseUrl, journal, initMs: 40, durationMs: 2) { BurstRequests = 6 };
        var options = new LabOptions
        {
            OutputDirectory = "unused",
            Runtimes = ["python"],
            Sizes = [10],
            MemorySizesMb = [256],
            ColdStarts = 1,
            WarmRequests = 2,
            WarmConcurrency = 1,
            WarmRounds = 1,
            WarmupRequests = 0,
            Burst = (6, 6),
            BurstReserved = 2,
        };

        // When the lab runs
        var results = await new LabRunner([target], _ => "[]"u8.ToArray()).RunAsync(options, CancellationToken.None);

        // Then the burst is its own result: 2 served, 4 throttled, and the reservation was set then removed
        var burst = Assert.Single(results.Bursts!);
        Assert.Equal(("python", 256, 6, 6, 2), (burst.Runtime, burst.MemoryMb, burst.Requests, burst.Concurrency, burst.ReservedConcurrency));
        Assert.Equal((2, 4, 0), (burst.Succeeded, burst.Throttled, burst.OtherErrors));
        Assert.Equal(["reserved python 2", "reserved python none"], journal.Where(j => j.StartsWith("reserved", StringComparison.Ordinal)));
        Assert.Contains(ReportTables.Build(results), t => t.Title.StartsWith("Burst: 6 requests from 6 clients", StringComparison.Ordinal));
        Assert.Null(new LabResults(results.Metadata, results.Rows, results.Speedups).Bursts);
    }

    [Fact]
    public async Task RunAsync_Provisioned_SetsTheFirstRequestOnAProvisionedEnvironmentBesideAnOnDemandColdStart()
    {
        // Given a function whose cold starts take 160 ms of init
        var journal = new ConcurrentQueue<string>();
        FakeLabTarget? target = null;
        await using var server = await LoopbackServer.StartAsync(context => target!.HandleAsync(context));
        target = new FakeLabTarget("python", server.BaseUrl, journal, initMs: 160, durationMs: 3);
        var options = new LabOptions
        {
            OutputDirectory = "unused",
            Runtimes = ["python"],
            Sizes = [10],
            MemorySizesMb = [512],
            ColdStarts = 2,
            WarmRequests = 2,
            WarmConcurrency = 1,
            WarmRounds = 1,
            WarmupRequests = 0,
            Provisioned = 3,
        };

        // When the lab runs with --provisioned 3
        var results = await new LabRunner([target], _ => "[]"u8.ToArray()).RunAsync(options, CancellationToken.None);

        // Then each round is an on-demand cold start, then a first request on provisioned environments (no Init Duration)
        var provisioned = Assert.Single(results.Provisioned!);
        Assert.Equal((3, 2, 2), (provisioned.Environments, provisioned.OnDemandFirstMs.Count, provisioned.ProvisionedFirstMs.Count));
        Assert.Equal(160, provisioned.OnDemandInitMs);
        Assert.Equal((0, 2, 0), (provisioned.ProvisionedReportsWithInit, provisioned.ProvisionedReports, provisioned.Errors));
        Assert.Equal(
            ["publish python", "cold python", "provision python 1 3", "unprovision python 1", "cold python", "provision python 1 3", "unprovision python 1"],
            journal.SkipWhile(j => j != "publish python").Where(j => !j.StartsWith("memory", StringComparison.Ordinal)));
        // At 512 MB: 0.5 GB × 3,600 s × $0.0000041667 standing; 0.2 + 0.5 × 0.003 s × 1e6 × $0.0000097222 per million.
        Assert.Equal(0.5m * 3600m * 0.0000041667m, provisioned.StandingPerEnvironmentHourX86);
        Assert.Equal(0.20m + (0.5m * 0.003m * 1_000_000m * 0.0000097222m), provisioned.ProvisionedPerMillionX86);
        Assert.Contains(ReportTables.Build(results), t => t.Title.StartsWith("Provisioned concurrency: the first request on 3", StringComparison.Ordinal));
    }
}
