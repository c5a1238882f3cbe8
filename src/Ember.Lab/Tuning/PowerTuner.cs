using System.Globalization;
using Ember.Host.Environments.Isolation;
using Ember.Lab.Cost;
using Ember.Lab.Statistics;

namespace Ember.Lab.Tuning;

/// <summary>
/// Power tuning through Lambda's own operations (<see cref="ITuneTarget"/>: a local host or any Lambda
/// API endpoint): for each memory size, set it (waiting for Successful), force cold starts (change an
/// environment variable, then invoke), then invoke warm one after another; every figure is the
/// REPORT's (Duration, Billed Duration, Max Memory Used, Init Duration). Stopped early (Ctrl+C), it
/// returns what it measured; either way the function's memory and environment are put back.
/// </summary>
internal sealed class PowerTuner(ITuneTarget target, TuneOptions options, CostModel cost, Action<TuneProgress>? progress = null)
{
    public const string ColdStartVariable = "EMBER_TUNE_COLD_START";

    public async Task<TuneResult> RunAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.Now;
        var original = await target.GetAsync(cancellationToken).ConfigureAwait(false);
        var points = new List<TunePoint>();
        var notes = new List<string>();
        var steps = options.MemorySizesMb.Count * (options.ColdStarts + options.WarmInvocations);
        var done = 0;
        var complete = true;
        try
        {
            foreach (var memory in options.MemorySizesMb)
            {
                await target.UpdateAsync(memory, original.Environment, cancellationToken).ConfigureAwait(false);
                var cold = new List<TuneSample>();
                for (var i = 0; i < options.ColdStarts; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.Invoke(new TuneProgress(memory, "cold", i + 1, options.ColdStarts, done++, steps));
                    var forced = new Dictionary<string, string>(original.Environment)
                    {
                        [ColdStartVariable] = string.Create(CultureInfo.InvariantCulture, $"{memory}-{i}-{startedAt.ToUnixTimeSeconds()}"),
                    };
                    await target.UpdateAsync(memory, forced, cancellationToken).ConfigureAwait(false);
                    cold.Add(await target.InvokeAsync(payload, cancellationToken).ConfigureAwait(false));
                }
                var warm = new List<TuneSample>();
                for (var i = 0; i < options.WarmInvocations; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.Invoke(new TuneProgress(memory, "warm", i + 1, options.WarmInvocations, done++, steps));
                    warm.Add(await target.InvokeAsync(payload, cancellationToken).ConfigureAwait(false));
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
            // The function goes back to its memory and environment, as it was found.
            await target.UpdateAsync(original.MemoryMb, original.Environment, CancellationToken.None).ConfigureAwait(false);
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
            Machine = target is HostTuneTarget
                ? string.Create(CultureInfo.InvariantCulture, $"{cores} cores, {Environment.OSVersion.VersionString}, {target.Description}")
                : target.Description,
            Prices = string.Create(CultureInfo.InvariantCulture,
                $"{cost.Prices.Region}, effective {cost.Prices.EffectiveDate:yyyy-MM-dd} ({cost.Prices.Source})"),
            Points = points,
            Recommendation = TuneRecommender.Recommend(points),
            Notes = notes,
            Complete = complete,
        };
    }

    private TunePoint Point(int memory, List<TuneSample> cold, List<TuneSample> warm)
    {
        var ok = warm.Where(r => r.Succeeded).ToList();
        var durations = ok.Select(r => r.DurationMs).Order().ToArray();
        var billed = ok.Count == 0 ? 0 : (decimal)ok.Average(r => r.BilledMs);
        var failures = cold.Concat(warm).Where(r => !r.Succeeded).ToList();
        var vcpus = (double)memory / CpuShare.MegabytesPerVcpu;
        // On this machine a size gets at most its cores; on AWS Lambda, what Lambda gives.
        var local = target is HostTuneTarget;
        return new TunePoint
        {
            MemoryMb = memory,
            Invocations = warm.Count,
            Errors = failures.Count,
            AvgDurationMs = durations.Length == 0 ? 0 : Math.Round(durations.Average(), 3),
            P95DurationMs = Percentiles.NearestRank(durations, 95),
            AvgBilledMs = (double)Math.Round(billed, 3),
            MaxMemoryUsedMb = cold.Concat(warm).Select(r => r.MaxMemoryUsedMb).DefaultIfEmpty(0).Max(),
            ColdStarts = cold.Count,
            AvgInitDurationMs = cold.Where(r => r.InitDurationMs is not null).Select(r => r.InitDurationMs!.Value).DefaultIfEmpty().Average() is var init && init > 0
                ? Math.Round(init, 3) : null,
            CostPerMillionUsd = new CostPerMillion(
                Math.Round(cost.PerMillion(Architecture.X86_64, memory, billed), 6),
                Math.Round(cost.PerMillion(Architecture.Arm64, memory, billed), 6)),
            LambdaVcpus = Math.Round(vcpus, 3),
            BeyondThisMachine = local && vcpus > Environment.ProcessorCount,
            FirstError = failures.Select(r => r.ErrorType).FirstOrDefault(),
        };
    }
}

/// <summary>Where a run is: memory size, phase, invocation within the phase, and steps done of all.</summary>
internal sealed record TuneProgress(int MemoryMb, string Phase, int Index, int Count, int StepsDone, int Steps);
