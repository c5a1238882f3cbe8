using System.Text.Json;
using Ember.Host;
using Ember.Lab.Cost;
using Ember.Lab.Tuning;

namespace Ember.Lab.Tests.Tuning;

/// <summary>`ember tune` on a function not written for the lab: examples/primes-python.</summary>
public sealed class PowerTunerTests
{
    private static TunePoint Point(int memory, double durationMs, decimal cost, int errors = 0) => new()
    {
        MemoryMb = memory,
        Invocations = 10,
        Errors = errors,
        AvgDurationMs = durationMs,
        P95DurationMs = durationMs,
        AvgBilledMs = Math.Ceiling(durationMs),
        MaxMemoryUsedMb = 40,
        ColdStarts = 1,
        CostPerMillionUsd = new CostPerMillion(cost, cost * 0.8m),
        LambdaVcpus = memory / 1769.0,
        BeyondThisMachine = false,
    };

    [Fact]
    public void Recommend_PicksCheapestFastestAndBalanced_AmongSizesWithoutErrors()
    {
        TunePoint[] points =
        [
            Point(128, 800, 1.80m),
            Point(256, 390, 1.70m),
            Point(512, 200, 1.75m),
            Point(1024, 110, 2.10m),
            Point(3008, 20, 0.50m, errors: 2),
        ];

        var recommendation = TuneRecommender.Recommend(points);

        Assert.Equal(256, recommendation.Cheapest);
        Assert.Equal(1024, recommendation.Fastest);
        // 0.5 × cost ÷ 2.10 + 0.5 × duration ÷ 800: 512 MB scores 0.542, 1024 MB 0.569, 256 MB 0.648.
        Assert.Equal(512, recommendation.Balanced);
    }

    [Fact]
    public void Recommend_EverySizeFailed_RecommendsNothing()
    {
        var recommendation = TuneRecommender.Recommend([Point(128, 10, 1m, errors: 1)]);

        Assert.Equal((null, null, null), (recommendation.Cheapest, recommendation.Fastest, recommendation.Balanced));
    }

    [Fact]
    public async Task Run_OnAnExampleFunction_MeasuresEverySizeAndWritesTheReport()
    {
        var root = RepositoryRoot.Find();
        using var output = new TempDirectory("ember-tune-");
        var options = new TuneOptions
        {
            FunctionName = "primes-python",
            TemplatePath = Path.Combine(root, "examples", "template.yaml"),
            PayloadPath = Path.Combine(root, "examples", "events", "primes.json"),
            MemorySizesMb = [512, 1769],
            WarmInvocations = 3,
            ColdStarts = 1,
            OutputDirectory = output.Path,
        };
        await using var host = await EmberHost.StartAsync(new HostOptions
        {
            PythonCompat = true,
            TemplatePath = options.TemplatePath,
            Port = 0,
            DataDirectory = output.File("host"),
            FunctionNames = new HashSet<string> { options.FunctionName },
        });
        var steps = new List<TuneProgress>();

        var result = await new PowerTuner(new HostTuneTarget(host, options.FunctionName), options, new CostModel(PriceTable.Default), steps.Add)
            .RunAsync("""{"limit": 20000}"""u8.ToArray(), CancellationToken.None);
        var files = TuneReportWriter.WriteAll(result, output.Path);

        Assert.True(result.Complete);
        Assert.Equal([512, 1769], result.Points.Select(p => p.MemoryMb));
        Assert.All(result.Points, p =>
        {
            Assert.Equal((3, 1, 0), (p.Invocations, p.ColdStarts, p.Errors));
            Assert.True(p.AvgDurationMs > 0 && p.P95DurationMs >= p.AvgDurationMs * 0.5);
            Assert.True(p.AvgInitDurationMs > 0);
            Assert.True(p.CostPerMillionUsd.Arm64 < p.CostPerMillionUsd.X86_64);
        });
        Assert.Equal(2 * (1 + 3), steps.Count);
        // The function is left as it was found.
        Assert.True(host.Functions.TryGet("primes-python", out var function));
        Assert.Equal(128, function.Configuration.MemoryMb);
        Assert.DoesNotContain(PowerTuner.ColdStartVariable, function.Configuration.Environment.Keys);

        Assert.Equal(["tune.json", "tune.md", "tune.html", "tune.png"], files.Select(Path.GetFileName));
        var json = JsonDocument.Parse(File.ReadAllText(output.File("tune.json"))).RootElement;
        Assert.Equal("primes-python", json.GetProperty("function").GetString());
        var point = json.GetProperty("points")[0];
        foreach (var field in new[] { "memoryMb", "avgDurationMs", "p95DurationMs", "avgBilledMs", "maxMemoryUsedMb" })
        {
            Assert.True(point.TryGetProperty(field, out _), field);
        }
        Assert.True(point.GetProperty("costPerMillionUsd").TryGetProperty("x86_64", out _));
        Assert.True(point.GetProperty("costPerMillionUsd").TryGetProperty("arm64", out _));
        var recommendation = json.GetProperty("recommendation");
        var cheapest = recommendation.GetProperty("cheapest").GetInt32();
        Assert.Equal(result.Points.MinBy(p => p.CostPerMillionUsd.X86_64)!.MemoryMb, cheapest);
        Assert.Equal(result.Points.MinBy(p => p.AvgDurationMs)!.MemoryMb, recommendation.GetProperty("fastest").GetInt32());
        Assert.Contains(recommendation.GetProperty("balanced").GetInt32(), new[] { 512, 1769 });
    }

    [Fact]
    public async Task Run_AgainstAnotherHostsLambdaApi_ForcesRealColdStartsThere()
    {
        var root = RepositoryRoot.Find();
        using var output = new TempDirectory("ember-tune-remote-");
        var credentials = new Ember.Host.Auth.AwsCredentials("AKIAEMBERTUNETEST000", "tune-secret-" + Guid.NewGuid().ToString("N"));
        await using var remote = await EmberHost.StartAsync(new HostOptions
        {
            PythonCompat = true,
            TemplatePath = Path.Combine(root, "examples", "template.yaml"),
            Port = 0,
            DataDirectory = output.File("remote"),
            FunctionNames = new HashSet<string> { "primes-python" },
            Credentials = credentials,
        });
        var options = new TuneOptions
        {
            FunctionName = "primes-python",
            TemplatePath = "",
            PayloadPath = "primes.json",
            MemorySizesMb = [256, 1769],
            WarmInvocations = 2,
            ColdStarts = 2,
            OutputDirectory = output.Path,
        };
        using var http = new HttpClient();
        var target = new ApiTuneTarget(http, remote.BaseAddress, credentials, "us-east-1", "primes-python");

        var result = await new PowerTuner(target, options, new CostModel(PriceTable.Default)).RunAsync("""{"limit": 20000}"""u8.ToArray(), CancellationToken.None);

        Assert.True(result.Complete);
        Assert.All(result.Points, p => Assert.Equal((2, 2, 0), (p.Invocations, p.ColdStarts, p.Errors)));
        Assert.All(result.Points, p => Assert.True(p.AvgInitDurationMs > 0));
        // Each forced cold start was a real one on the other host: its records say so.
        // (Records are written off the request path.)
        var records = await Poll.UntilAsync(() => remote.Records.Query("primes-python") is { Count: 2 * (2 + 2) } all ? all : null);
        Assert.Equal(2 * 2, records.Count(r => r.ColdStart));
        Assert.True(remote.Functions.TryGet("primes-python", out var function));
        Assert.Equal(128, function.Configuration.MemoryMb);
    }

    [Fact]
    public void ParseReport_ReadsTheFiguresOfALambdaReportLine()
    {
        var sample = ApiTuneTarget.ParseReport(
            "REPORT RequestId: 6be9dad9-518b-48ab-8948-ad5b3d9aecb5\tDuration: 3.26 ms\tBilled Duration: 58 ms\tMemory Size: 1769 MB\tMax Memory Used: 12 MB\tInit Duration: 53.85 ms\t",
            null);

        Assert.Equal(new TuneSample(3.26, 58, 12, 53.85, null), sample);
        Assert.Equal("Runtime.ExitError", ApiTuneTarget.ParseReport(
            "REPORT RequestId: x\tDuration: 2.19 ms\tBilled Duration: 33 ms\tMemory Size: 1769 MB\tMax Memory Used: 11 MB\tStatus: error\tError Type: Runtime.ExitError", null).ErrorType);
    }
}
