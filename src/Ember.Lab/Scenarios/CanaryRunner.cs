using System.Globalization;
using Ember.Host;
using Ember.Host.Records;
using Ember.Lab.Cost;
using Ember.Lab.Load;
using Ember.Lab.Reports;
using Ember.Lab.Runner;
using Ember.Lab.Statistics;
using Ember.Lab.Targets;

namespace Ember.Lab.Scenarios;

/// <summary>
/// The migration canary of the published article, through the control plane as it was done there: a
/// function whose version 1 is the Python implementation and version 2 the candidate (its code, runtime
/// and handler put in by UpdateFunctionConfiguration, then published), an alias <c>live</c> routing
/// 10 %, then 50 % to version 2 (AdditionalVersionWeights), then promoted to version 2. Each step sends the
/// same load to the alias through the Invoke API; the host's record of each request says which version
/// ran it. The monthly bill before and after is for <see cref="MonthlyRequests"/>.
/// </summary>
internal sealed class CanaryRunner(EmberHost host, CostModel cost, Action<string>? progress = null)
{
    /// <summary>The traffic the monthly cost is stated for: ten million requests a month.</summary>
    public const long MonthlyRequests = 10_000_000;

    public static IReadOnlyList<double> Weights { get; } = [0.1, 0.5, 1.0];

    private static readonly TimeSpan s_recordDeadline = TimeSpan.FromSeconds(10);

    /// <summary>Runs the canary from <paramref name="from"/> to each candidate in turn; the first is the result, the others ride along.</summary>
    public async Task<CanaryResult> RunAsync(TelemetryRuntime from, IReadOnlyList<TelemetryRuntime> candidates, LabOptions options,
        ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(options);
        if (candidates.Count == 0)
        {
            throw new ArgumentException("--scenario canary: no candidate runtime to migrate to (Go or C#) is measured.");
        }
        var results = new List<CanaryResult>();
        foreach (var to in candidates)
        {
            results.Add(await RunOneAsync(from, to, options, body, cancellationToken).ConfigureAwait(false));
        }
        return results[0] with { OtherCandidates = results.Count > 1 ? results[1..] : null };
    }

    private async Task<CanaryResult> RunOneAsync(TelemetryRuntime from, TelemetryRuntime to, LabOptions options, ReadOnlyMemory<byte> body,
        CancellationToken cancellationToken)
    {
        var memoryMb = options.MemorySizesMb[0];
        var name = $"telemetry-canary-{to.Name}";
        var source = Configuration(from.FunctionName);
        var target = Configuration(to.FunctionName);
        if (!host.Functions.TryGet(name, out _) && !host.AddFunction(source with { Name = name, MemoryMb = memoryMb, ReservedConcurrency = null }))
        {
            throw new InvalidOperationException($"{name}: the canary function could not be created.");
        }
        var v1 = await host.PublishVersionAsync(name, $"{from.Label}").ConfigureAwait(false);
        await host.UpdateConfigurationAsync(name, c => c with
        {
            Runtime = target.Runtime,
            Handler = target.Handler,
            CodeDirectory = target.CodeDirectory,
            CodeSha256 = target.CodeSha256,
            CodeSizeBytes = target.CodeSizeBytes,
            Architecture = target.Architecture,
        }, cancellationToken).ConfigureAwait(false);
        var v2 = await host.PublishVersionAsync(name, $"{to.Label}").ConfigureAwait(false);

        var payload = new HostLabTarget(host, from).InvokePayload(body);
        var url = new Uri($"{host.BaseAddress}2015-03-31/functions/{name}/invocations?Qualifier=live");
        using var client = LoadHttp.CreateClient(options.WarmConcurrency, options.RequestTimeout);
        var generator = new LoadGenerator(client);
        var steps = new List<CanaryStep>();
        var create = true;
        foreach (var weight in Weights)
        {
            // 10 %, 50 %: version 1 with version 2 weighted; 100 %: promoted, version 2 alone.
            IReadOnlyDictionary<string, double> routing = weight < 1 ? new Dictionary<string, double> { [v2] = weight } : new Dictionary<string, double>();
            await host.Control.PutAliasAsync(name, "live", create, weight < 1 ? v1 : v2, "canary", routing, null).ConfigureAwait(false);
            create = false;
            var load = new LoadOptions
            {
                Url = url,
                Body = payload,
                Requests = options.WarmRequests,
                Concurrency = Math.Min(options.WarmConcurrency, options.WarmRequests),
                Timeout = options.RequestTimeout,
            };
            var result = await generator.RunAsync(load, cancellationToken).ConfigureAwait(false);
            var records = new List<(RequestSample Sample, InvocationRecord? Record)>();
            foreach (var sample in result.Samples)
            {
                var record = sample.RequestId is { } id ? await host.Records.WhenWrittenAsync(id, s_recordDeadline, cancellationToken).ConfigureAwait(false) : null;
                records.Add((sample, record));
            }
            steps.Add(new CanaryStep(weight, Figures(records, memoryMb, v1, v2)));
            progress?.Invoke(string.Create(CultureInfo.InvariantCulture,
                $"canary {from.Name} → {to.Name}: {weight:0%} on version 2, {result.Samples.Count} requests"));
        }

        var before = steps[0].Versions.GetValueOrDefault(v1)?.CostPerMillionX86 ?? 0;
        var after = steps[^1].Versions.GetValueOrDefault(v2)?.CostPerMillionX86 ?? 0;
        return new CanaryResult(from.Name, to.Name, to.Label, memoryMb, options.Sizes[0], steps, MonthlyRequests,
            before * MonthlyRequests / 1_000_000m, after * MonthlyRequests / 1_000_000m);
    }

    private Ember.Host.Functions.FunctionConfiguration Configuration(string functionName) =>
        host.Functions.TryGet(functionName, out var function)
            ? function.Configuration
            : throw new InvalidOperationException($"--scenario canary: the host serves no function '{functionName}'.");

    private Dictionary<string, CanaryVersionFigures> Figures(List<(RequestSample Sample, InvocationRecord? Record)> served, int memoryMb, string v1, string v2)
    {
        var figures = new Dictionary<string, CanaryVersionFigures>(StringComparer.Ordinal);
        foreach (var version in new[] { v1, v2 })
        {
            var mine = served.Where(s => s.Record?.Version == version).ToArray();
            if (mine.Length == 0)
            {
                continue;
            }
            var ok = mine.Where(s => s.Sample.IsSuccess).ToArray();
            var latency = LatencyRecorder.Summarize(ok.Select(s => s.Sample.LatencyMs));
            var billed = cost.AverageBilledMs(mine.Select(s => s.Record!.DurationMs));
            figures[version] = new CanaryVersionFigures(
                mine.Length,
                mine.Length - ok.Length,
                latency.Count > 0 ? latency.P50Ms : double.NaN,
                latency.Count > 0 ? latency.P95Ms : double.NaN,
                mine.Max(s => s.Record!.MaxMemoryUsedMb),
                (double)billed,
                cost.PerMillion(Architecture.X86_64, memoryMb, billed));
        }
        return figures;
    }
}
