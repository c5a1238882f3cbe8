using Ember.Host;
using Ember.Lab.Cost;
using Ember.Lab.Payloads;
using Ember.Lab.Reports;
using Ember.Lab.Runner;
using Ember.Lab.Scenarios;
using Ember.Lab.Targets;
using Ember.Tests.Shared;

namespace Ember.Lab.Tests.Scenarios;

/// <summary>`--scenario canary` on the real host: Python as version 1, Go as version 2, the alias live at 10 %, 50 %, then promoted.</summary>
public sealed class CanaryRunnerTests
{
    [SkippableFact]
    public async Task Canary_PythonToGo_RoutesByTheAliasWeightsAndRecordsEachVersion()
    {
        Requires.Tool("go", "apt-get install -y golang-go");
        using var temp = new TempDirectory("ember-canary-");
        await using var host = await EmberHost.StartAsync(new HostOptions
        {
            PythonCompat = true,
            TemplatePath = Path.Combine(RepositoryRoot.Find(), "functions", "telemetry", "template.yaml"),
            Port = 0,
            DataDirectory = temp.Path,
            FunctionNames = new HashSet<string> { "telemetry-python", "telemetry-go" },
        });
        // A whole vCPU each, so the small load stays short on a busy machine.
        var options = new LabOptions { OutputDirectory = temp.Path, Sizes = [100], MemorySizesMb = [1769], WarmRequests = 20, WarmConcurrency = 2 };
        var body = new PayloadGenerator().Generate(100);

        var canary = await new CanaryRunner(host, new CostModel(PriceTable.Default))
            .RunAsync(TelemetryRuntime.Find("python")!, [TelemetryRuntime.Find("go")!], options, body, CancellationToken.None);

        Assert.Equal(("python", "go", 1769), (canary.From, canary.To, canary.MemoryMb));
        Assert.Equal([0.1, 0.5, 1.0], canary.Steps.Select(s => s.Weight));
        Assert.All(canary.Steps, s => Assert.Equal(20, s.Versions.Values.Sum(v => v.Requests)));
        Assert.All(canary.Steps, s => Assert.All(s.Versions.Values, v => Assert.Equal(0, v.Errors)));
        // Half and half: both versions serve (the chance that 20 requests all go one way is two in a million).
        Assert.Equal(["1", "2"], canary.Steps[1].Versions.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["2"], canary.Steps[2].Versions.Keys);
        Assert.Equal(canary.Steps[^1].Versions["2"].CostPerMillionX86 * 10m, canary.MonthlyAfterUsd);
        var alias = host.Control.GetAlias("telemetry-canary-go", "live");
        Assert.Equal(("2", 0), (alias.FunctionVersion, alias.AdditionalVersionWeights.Count));
        Assert.True(host.Functions.TryGet("telemetry-canary-go", out var function));
        Assert.Equal(("python3.12", "provided.al2023"), (function.Versions["1"].Configuration.Runtime, function.Versions["2"].Configuration.Runtime));

        // results.json carries it as canary.steps[].versions["1"|"2"].
        var results = Support.SyntheticResults.Create() with { Canary = canary };
        using var json = System.Text.Json.JsonDocument.Parse(JsonResultsWriter.ToJson(results));
        var step = json.RootElement.GetProperty("canary").GetProperty("steps")[1];
        Assert.Equal(0.5, step.GetProperty("weight").GetDouble());
        Assert.True(step.GetProperty("versions").GetProperty("2").GetProperty("requests").GetInt32() > 0);
        Assert.Contains(ReportTables.Build(results), t => t.Title.StartsWith("Canary migration: Python → Go", StringComparison.Ordinal));
    }
}
