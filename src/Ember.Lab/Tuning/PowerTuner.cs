using System.Globalization;
using Ember.Host;
using Ember.Host.Invocations;
using Ember.Host.Records;
using Ember.Lab.Cost;

namespace Ember.Lab.Tuning;

/// <summary>
/// Power tuning on a host: for each memory size, set it (as UpdateFunctionConfiguration does, waiting
/// for Successful), force cold starts (change an environment variable, then invoke), then invoke warm
/// one after another; every figure is the REPORT's (Duration, Billed Duration, Max Memory Used, Init
/// Duration). Stopped early (Ctrl+C), it returns what it measured.
/// </summary>
internal sealed class PowerTuner(EmberHost host, TuneOptions options, CostModel cost, Action<TuneProgress>? progress = null)
{
    public const string ColdStartVariable = "EMBER_TUNE_COLD_START";

    public async Task<TuneResult> RunAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        if (!host.Functions.TryGet(options.FunctionName, out var function))
        {
            throw new ArgumentException($"the host serves no function named '{options.FunctionName}'.");
        }
        var startedAt = DateTimeOffset.Now;
        var original = function.Configuration;
        var points = new List<TunePoint>();
        var notes = new List<string>();
        var steps = options.MemorySizesMb.Count * (options.ColdStarts + options.WarmInvocations);
        var done = 0;
        var complete = true;
        try
        {
            foreach (var memory in options.MemorySizesMb)
            {
                await host.UpdateConfigurationAsync(options.FunctionName, c => c with { MemoryMb = memory }, cancellationToken).ConfigureAwait(false);
                var cold = new List<InvocationRecord>();
                for (var i = 0; i < options.ColdStarts; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.Invoke(new TuneProgress(memory, "cold", i + 1, options.ColdStarts, done++, steps));
                    var generation = string.Create(CultureInfo.InvariantCulture, $"{memory}-{i}");
                    await host.UpdateConfigurationAsync(options.FunctionName,
                        c => c with { Environment = c.Environment.SetItem(ColdStartVariable, generation) }, cancellationToken).ConfigureAwait(false);
                    cold.Add(await InvokeAsync(payload).ConfigureAwait(false));
                }
                var warm = new List<InvocationRecord>();
                for (var i = 0; i < options.WarmInvocations; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.Invoke(new TuneProgress(memory, "warm", i + 1, options.WarmInvocations, done++, steps));
                    warm.Add(await InvokeAsync(payload).ConfigureAwait(false));
                }
                points.Add(Point(memory, cold, warm));
            }
        }
        catch (OperationCanceledException)
        {
            complete = false;
            notes.Add($"Stopped before every size was measured: {points.Count} of {options.MemorySizesMb.Count} sizes.");
        }
        finally
        {
            // The function goes back to what it was, so the template's host is left as found.
            if (!cancellationToken.IsCancellationRequested)
            {
                await host.UpdateConfigurationAsync(options.FunctionName, _ => original, CancellationToken.None).ConfigureAwait(false);
            }
        }

        var cores = Environment.ProcessorCount;
        if (points.Any(p => p.BeyondThisMachine))
        {
            notes.Add($"Sizes marked † ask for more vCPUs than this machine's {cores} cores: Lambda would give them more CPU than they got here, "
                + "so their Duration here is an upper bound.");
        }
        if (points.Any(p => p.Errors > 0))
        {
            notes.Add("Sizes with errors are never recommended: " + string.Join("; ", points.Where(p => p.Errors > 0)
                .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.MemoryMb} MB: {p.Errors} of {p.Invocations + p.ColdStarts} failed ({p.FirstError})"))) + ".");
        }
        notes.Add("Cost is for warm invocations (the request charge plus billed GB-seconds); a cold start also bills its Init Duration.");
        return new TuneResult
        {
            Function = options.FunctionName,
            Runtime = original.Runtime,
            Payload = Path.GetFileName(options.PayloadPath),
            StartedAt = startedAt,
            Machine = string.Create(CultureInfo.InvariantCulture, $"{cores} cores, {Environment.OSVersion.VersionString}, Ember's local host"),
            Prices = string.Create(CultureInfo.InvariantCulture,
                $"{cost.Prices.Region}, effective {cost.Prices.EffectiveDate:yyyy-MM-dd} ({cost.Prices.Source})"),
            Points = points,
            Recommendation = TuneRecommender.Recommend(points),
            Notes = notes,
            Complete = complete,
        };
    }

    private async Task<InvocationRecord> InvokeAsync(ReadOnlyMemory<byte> payload)
    {
        // Not cancellable once sent: an invocation runs to its end, as on Lambda.
        var result = await host.Invocations.InvokeAsync(new InvokeRequest { FunctionName = options.FunctionName, Payload = payload }, CancellationToken.None)
            .ConfigureAwait(false);
        return result.Record ?? throw new InvalidOperationException($"{options.FunctionName} was not invoked: {result.Kind} {result.ThrottleReason}");
    }

    private TunePoint Point(int memory, List<InvocationRecord> cold, List<InvocationRecord> warm)
    {
        var ok = warm.Where(r => r.Outcome == "success").ToList();
        var durations = ok.Select(r => r.DurationMs).Order().ToArray();
        var billed = ok.Count == 0 ? 0 : (decimal)ok.Average(r => r.BilledDurationMs);
        var failures = cold.Concat(warm).Where(r => r.Outcome != "success").ToList();
        var vcpus = memory / 1769.0;
        return new TunePoint
        {
            MemoryMb = memory,
            Invocations = warm.Count,
            Errors = failures.Count,
            AvgDurationMs = durations.Length == 0 ? 0 : Math.Round(durations.Average(), 3),
            P95DurationMs = durations.Length == 0 ? 0 : durations[Math.Min(durations.Length - 1, (int)Math.Ceiling(durations.Length * 0.95) - 1)],
            AvgBilledMs = (double)Math.Round(billed, 3),
            MaxMemoryUsedMb = cold.Concat(warm).Select(r => r.MaxMemoryUsedMb).DefaultIfEmpty(0).Max(),
            ColdStarts = cold.Count,
            AvgInitDurationMs = cold.Where(r => r.InitDurationMs is not null).Select(r => r.InitDurationMs!.Value).DefaultIfEmpty().Average() is var init && init > 0
                ? Math.Round(init, 3) : null,
            CostPerMillionUsd = new CostPerMillion(
                Math.Round(cost.PerMillion(Architecture.X86_64, memory, billed), 6),
                Math.Round(cost.PerMillion(Architecture.Arm64, memory, billed), 6)),
            LambdaVcpus = Math.Round(vcpus, 3),
            BeyondThisMachine = vcpus > Environment.ProcessorCount,
            FirstError = failures.Select(r => r.ErrorType ?? r.Outcome).FirstOrDefault(),
        };
    }
}

/// <summary>Where a run is: memory size, phase, invocation within the phase, and steps done of all.</summary>
internal sealed record TuneProgress(int MemoryMb, string Phase, int Index, int Count, int StepsDone, int Steps);
