using Ember.Lab.Cost;
using Ember.Lab.Estimate;
using Ember.Lab.Load;
using Ember.Lab.Published;
using Ember.Lab.Reports;
using Ember.Lab.Statistics;

namespace Ember.Lab.Runner;

/// <summary>
/// Runs the experiment over a set of targets: for each memory size, a cold phase over every payload size
/// (force a cold start, invoke once, read its REPORT), then a warm phase over every size (a warm-up, then
/// closed-loop load); in both, the runtimes take turns round by round (A B C A B C …) so a slow minute on a shared machine falls
/// on all of them. Produces the <see cref="LabResults"/> the reports are written from.
/// </summary>
internal sealed class LabRunner
{
    private readonly IReadOnlyList<ILabTarget> _targets;
    private readonly Func<int, ReadOnlyMemory<byte>> _payloadForSize;
    private readonly ILabProgress _progress;
    private readonly CostModel _cost;
    private readonly TimeProvider _time;
    private readonly PublishedInitTable _publishedInit;
    private readonly AwsEstimateModel _estimate;

    /// <param name="targets">The functions to measure, one per runtime, in the order they take turns.</param>
    /// <param name="payloadForSize">The request body for a payload of that many events.</param>
    /// <param name="progress">Told of every step; <see cref="NullLabProgress"/> to stay quiet.</param>
    /// <param name="cost">Cost model; the shipped price table when null.</param>
    /// <param name="time">Clock for the run's timestamps; the system clock when null.</param>
    /// <param name="publishedInit">Published AWS Init Durations set beside the local ones; the shipped table when null.</param>
    public LabRunner(
        IReadOnlyList<ILabTarget> targets,
        Func<int, ReadOnlyMemory<byte>> payloadForSize,
        ILabProgress? progress = null,
        CostModel? cost = null,
        TimeProvider? time = null,
        PublishedInitTable? publishedInit = null,
        AwsEstimateModel? estimate = null)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(payloadForSize);
        _targets = targets;
        _payloadForSize = payloadForSize;
        _progress = progress ?? NullLabProgress.Instance;
        _cost = cost ?? new CostModel(PriceTable.Default);
        _time = time ?? TimeProvider.System;
        _publishedInit = publishedInit ?? PublishedInitTable.Default;
        _estimate = estimate ?? AwsEstimateModel.Default;
    }

    public async Task<LabResults> RunAsync(LabOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate().ToList();
        if (_targets.Count == 0)
        {
            problems.Add("No targets to measure.");
        }

        if (!_targets.Any(t => string.Equals(t.Name, options.Baseline, StringComparison.OrdinalIgnoreCase)))
        {
            problems.Add($"--baseline: no target is named '{options.Baseline}'.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, problems.Distinct()), nameof(options));
        }

        var startedAt = _time.GetUtcNow();
        var coldTargets = _targets.Where(t => t.CanForceColdStart).ToArray();
        var cells = options.MemorySizesMb.Count * options.Sizes.Count;
        var totalSteps = cells * ((options.ColdStarts * coldTargets.Length) + (options.WarmRounds * _targets.Count))
            + (options.Burst is null ? 0 : options.MemorySizesMb.Count * coldTargets.Length)
            + (options.Provisioned is null ? 0 : options.MemorySizesMb.Count * _targets.OfType<IProvisionableTarget>().Count());
        var bursts = new List<BurstResult>();
        var provisioned = new List<ProvisionedResult>();
        var step = 0;
        _progress.Started(totalSteps);
        foreach (var note in RunNotes(options, Environment.ProcessorCount))
        {
            _progress.Note(note);
        }

        var rows = new List<PhaseResult>();
        // A connection per client, the burst's included: fewer would queue requests in the pool and cap the burst.
        using var client = LoadHttp.CreateClient(Math.Max(Math.Max(options.WarmConcurrency, options.Burst?.Concurrency ?? 0), 1), options.RequestTimeout);
        var generator = new LoadGenerator(client);

        // What the current memory size has measured so far: on Ctrl+C its cells with samples become rows too.
        var current = 0;
        Dictionary<int, Dictionary<string, CellRecorder>>? cold = null;
        Dictionary<int, Dictionary<string, CellRecorder>>? warm = null;
        string? stopped = null;
        try
        {
            foreach (var memoryMb in options.MemorySizesMb)
            {
                current = memoryMb;
                cold = options.Sizes.ToDictionary(size => size, _ => _targets.ToDictionary(t => t.Name, _ => new CellRecorder()));
                warm = options.Sizes.ToDictionary(size => size, _ => _targets.ToDictionary(t => t.Name, _ => new CellRecorder()));
                foreach (var target in coldTargets)
                {
                    await target.SetMemoryAsync(memoryMb, cancellationToken).ConfigureAwait(false);
                }

                // Every cold phase first, then every warm phase: the warm environments a warm-up spawns (up to
                // -c per runtime) then serve every size, instead of being retired by the next size's cold
                // starts and started again: sizes × c fewer environment starts per runtime, which on two
                // shared cores is most of what stands between --quick and its three-minute budget.
                var bodies = options.Sizes.ToDictionary(size => size, size => _payloadForSize(size));

                foreach (var size in options.Sizes)
                {
                    for (var round = 1; round <= options.ColdStarts; round++)
                    {
                        foreach (var target in coldTargets)
                        {
                            await target.ForceColdStartAsync(cancellationToken).ConfigureAwait(false);
                            var sample = await generator.SendOnceAsync(LoadFor(target, bodies[size], options, 1, 1), cancellationToken).ConfigureAwait(false);
                            var report = await ReportOf(target, sample, cancellationToken).ConfigureAwait(false);
                            cold[size][target.Name].AddRound([sample], report is null ? [] : [report]);
                            _progress.StepCompleted(new LabProgressStep(LabPhase.Cold, target.Name, size, memoryMb, round, options.ColdStarts, ++step, totalSteps, options.DescribeSize(size)));
                        }
                    }
                }

                foreach (var size in options.Sizes)
                {
                    if (options.WarmupRequests > 0)
                    {
                        foreach (var target in _targets)
                        {
                            var warmup = LoadFor(target, bodies[size], options, options.WarmupRequests, Math.Min(options.WarmConcurrency, options.WarmupRequests));
                            await generator.RunAsync(warmup, cancellationToken).ConfigureAwait(false);
                        }
                    }

                    var perRound = SplitEvenly(options.WarmRequests, options.WarmRounds);
                    for (var round = 1; round <= options.WarmRounds; round++)
                    {
                        foreach (var target in _targets)
                        {
                            var requests = perRound[round - 1];
                            var load = LoadFor(target, bodies[size], options, requests, Math.Min(options.WarmConcurrency, requests));
                            var result = await generator.RunAsync(load, cancellationToken).ConfigureAwait(false);
                            var reports = new List<ServerReport>();
                            foreach (var sample in result.Samples)
                            {
                                if (await ReportOf(target, sample, cancellationToken).ConfigureAwait(false) is { } report)
                                {
                                    reports.Add(report);
                                }
                            }

                            warm[size][target.Name].AddRound(result.Samples, reports);
                            _progress.StepCompleted(new LabProgressStep(LabPhase.Warm, target.Name, size, memoryMb, round, options.WarmRounds, ++step, totalSteps, options.DescribeSize(size)));
                        }
                    }
                }

                AddRows(rows, options, coldTargets, memoryMb, cold, warm, onlyMeasured: false);
                cold = warm = null;

                if (options.Provisioned is { } environments)
                {
                    foreach (var target in coldTargets)
                    {
                        if (target is not IProvisionableTarget provisionable)
                        {
                            continue;
                        }
                        provisioned.Add(await ProvisionedAsync(generator, target, provisionable, options, environments, memoryMb, bodies[options.Sizes[0]], cancellationToken)
                            .ConfigureAwait(false));
                        _progress.StepCompleted(new LabProgressStep(LabPhase.Provisioned, target.Name, options.Sizes[0], memoryMb, 1, 1, ++step, totalSteps,
                            options.DescribeSize(options.Sizes[0])));
                    }
                }

                if (options.Burst is { } burst)
                {
                    foreach (var target in coldTargets)
                    {
                        bursts.Add(await BurstAsync(generator, target, options, burst, memoryMb, bodies[options.Sizes[0]], cancellationToken).ConfigureAwait(false));
                        _progress.StepCompleted(new LabProgressStep(LabPhase.Burst, target.Name, options.Sizes[0], memoryMb, 1, 1, ++step, totalSteps,
                            options.DescribeSize(options.Sizes[0])));
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: what was measured is kept and reported, said to be partial.
            if (cold is not null && warm is not null)
            {
                AddRows(rows, options, coldTargets, current, cold, warm, onlyMeasured: true);
            }
            stopped = $"Stopped early (Ctrl+C) after {step} of {totalSteps} steps: the tables hold only what was measured by then.";
        }

        _progress.Finished();
        var speedups = BuildSpeedups(rows, options);
        var metadata = new LabRunMetadata(
            startedAt,
            _time.GetUtcNow(),
            MachineInfo.Current(),
            LabRunSettings.From(options),
            PriceInfo.From(_cost.Prices),
            [.. stopped is null ? Array.Empty<string>() : [stopped], .. RunNotes(options, Environment.ProcessorCount), .. SpreadNotes.Describe(speedups, rows, options.DescribeSize)],
            PublishedInitInfo.From(_publishedInit),
            AwsEstimateInfo.From(_estimate));
        return new LabResults(metadata, rows, speedups, options.Burst is null ? null : bursts, options.Provisioned is null ? null : provisioned);
    }

    private void AddRows(List<PhaseResult> rows, LabOptions options, ILabTarget[] coldTargets, int memoryMb,
        Dictionary<int, Dictionary<string, CellRecorder>> cold, Dictionary<int, Dictionary<string, CellRecorder>> warm, bool onlyMeasured)
    {
        foreach (var size in options.Sizes)
        {
            foreach (var target in coldTargets.Where(t => !onlyMeasured || cold[size][t.Name].Measured))
            {
                rows.Add(BuildRow(target, size, memoryMb, LabPhase.Cold, cold[size][target.Name]));
            }

            foreach (var target in _targets.Where(t => !onlyMeasured || warm[size][t.Name].Measured))
            {
                rows.Add(BuildRow(target, size, memoryMb, LabPhase.Warm, warm[size][target.Name]));
            }
        }
    }

    /// <summary>
    /// One burst: the reserved concurrency set, N requests from C clients at once, then the reserved
    /// concurrency removed again (also when the burst fails), as a user runs <c>hey -n N -c C</c>.
    /// </summary>
    private static async Task<BurstResult> BurstAsync(LoadGenerator generator, ILabTarget target, LabOptions options, (int Requests, int Concurrency) burst,
        int memoryMb, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        await target.SetReservedConcurrencyAsync(options.BurstReserved, cancellationToken).ConfigureAwait(false);
        LoadResult result;
        try
        {
            result = await generator.RunAsync(LoadFor(target, body, options, burst.Requests, burst.Concurrency), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await target.SetReservedConcurrencyAsync(null, CancellationToken.None).ConfigureAwait(false);
        }
        var served = LatencyRecorder.Summarize(result.Samples.Where(s => s.IsSuccess).Select(s => s.LatencyMs));
        var throttled = result.Samples.Count(s => s.StatusCode == 429);
        return new BurstResult(target.Name, target.RuntimeLabel, memoryMb, options.Sizes[0], burst.Requests, burst.Concurrency, options.BurstReserved,
            served.Count, throttled, result.Samples.Count - served.Count - throttled,
            served.Count > 0 ? served.P50Ms : double.NaN, served.Count > 0 ? served.P95Ms : double.NaN, served.Count > 0 ? served.MaxMs : double.NaN);
    }

    /// <summary>
    /// The first request after an on-demand cold start beside the first on a provisioned environment, both
    /// through the Invoke API, <see cref="LabOptions.ColdStarts"/> rounds (at least one): each round forces a
    /// cold start of $LATEST and invokes it, then provisions the version published for this memory size and
    /// invokes it, then removes the provisioning again.
    /// </summary>
    private async Task<ProvisionedResult> ProvisionedAsync(LoadGenerator generator, ILabTarget target, IProvisionableTarget provisionable, LabOptions options,
        int environments, int memoryMb, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var payload = provisionable.InvokePayload(body);
        var version = await provisionable.PublishAsync(cancellationToken).ConfigureAwait(false);
        var onDemand = new List<(RequestSample Sample, ServerReport? Report)>();
        var onProvisioned = new List<(RequestSample Sample, ServerReport? Report)>();
        for (var round = 0; round < Math.Max(options.ColdStarts, 1); round++)
        {
            await target.ForceColdStartAsync(cancellationToken).ConfigureAwait(false);
            onDemand.Add(await SendAsync(null).ConfigureAwait(false));
            await provisionable.ProvisionAsync(version, environments, cancellationToken).ConfigureAwait(false);
            try
            {
                onProvisioned.Add(await SendAsync(version).ConfigureAwait(false));
            }
            finally
            {
                await provisionable.UnprovisionAsync(version, CancellationToken.None).ConfigureAwait(false);
            }
        }

        var onDemandReports = onDemand.Select(p => p.Report).OfType<ServerReport>().ToArray();
        var provisionedReports = onProvisioned.Select(p => p.Report).OfType<ServerReport>().ToArray();
        var inits = onDemandReports.Where(r => r.InitDurationMs is not null).Select(r => r.InitDurationMs!.Value).ToArray();
        var onDemandBilled = _cost.AverageBilledMs(onDemandReports.Select(r => r.DurationMs));
        var provisionedBilled = _cost.AverageBilledMs(provisionedReports.Select(r => r.DurationMs));
        return new ProvisionedResult(
            target.Name,
            target.RuntimeLabel,
            memoryMb,
            options.Sizes[0],
            environments,
            [.. onDemand.Where(p => p.Sample.IsSuccess).Select(p => p.Sample.LatencyMs)],
            [.. onProvisioned.Where(p => p.Sample.IsSuccess).Select(p => p.Sample.LatencyMs)],
            inits.Length > 0 ? inits.Average() : null,
            provisionedReports.Count(r => r.InitDurationMs is not null),
            provisionedReports.Length,
            _cost.PerMillion(Architecture.X86_64, memoryMb, onDemandBilled, inits.Length > 0 ? _cost.AverageBilledMs(inits) : 0, 1m),
            _cost.ProvisionedPerMillion(Architecture.X86_64, memoryMb, provisionedBilled),
            _cost.ProvisionedPerEnvironmentHour(Architecture.X86_64, memoryMb),
            onDemand.Concat(onProvisioned).Count(p => !p.Sample.IsSuccess));

        async Task<(RequestSample, ServerReport?)> SendAsync(string? qualifier)
        {
            var load = LoadFor(target, payload, options, 1, 1) with { Url = provisionable.InvokeUrl(qualifier) };
            var sample = await generator.SendOnceAsync(load, cancellationToken).ConfigureAwait(false);
            return (sample, await ReportOf(target, sample, cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>What the reader should know about how the options shaped the run.</summary>
    internal static IEnumerable<string> RunNotes(LabOptions options, int cores)
    {
        var smallestRound = SplitEvenly(options.WarmRequests, options.WarmRounds).Min();
        if (smallestRound < options.WarmConcurrency)
        {
            yield return $"Each warm round sent {smallestRound} requests per runtime, fewer than -c {options.WarmConcurrency}, so at most {smallestRound} were in flight at once; use fewer --rounds or a larger -n for the full concurrency.";
        }

        // Lambda gives every environment its own share; here they all share this machine's cores.
        foreach (var memoryMb in options.MemorySizesMb)
        {
            var asked = options.WarmConcurrency * Math.Min(memoryMb / 1769.0, 6);
            if (asked > cores)
            {
                yield return string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"At {memoryMb} MB, {options.WarmConcurrency} concurrent environments would get {asked:0.#} vCPUs on Lambda but share this machine's {cores} cores: in the warm phase the machine, not the memory setting, bounds their speed.");
            }
        }

        if (options.RemoteUrls.Count > 0)
        {
            yield return $"Remote targets ({string.Join(", ", options.RemoteUrls.Keys)}) were loaded in the warm phase only; their latency includes the network.";
        }
    }

    private static LoadOptions LoadFor(ILabTarget target, ReadOnlyMemory<byte> body, LabOptions options, int requests, int concurrency) => new()
    {
        Url = target.FunctionUrl,
        Method = HttpMethod.Post,
        Body = body,
        Requests = requests,
        Concurrency = concurrency,
        Timeout = options.RequestTimeout,
        Prepare = target.Prepare,
    };

    private static async Task<ServerReport?> ReportOf(ILabTarget target, RequestSample sample, CancellationToken cancellationToken)
    {
        if (sample.LogTail is { } tail && ServerReport.FromLogTail(tail) is { } report && report.RequestId == sample.RequestId)
        {
            // A cold start's record on a local host also has the memory held when init ended, which REPORT lacks.
            return report.InitDurationMs is not null && await target.GetReportAsync(report.RequestId, cancellationToken).ConfigureAwait(false) is { } record
                ? record
                : report;
        }
        return sample.RequestId is { } id ? await target.GetReportAsync(id, cancellationToken).ConfigureAwait(false) : null;
    }

    private static double? AverageMb(IEnumerable<long?> bytes) =>
        bytes.Where(b => b is not null).Select(b => b!.Value / (1024.0 * 1024.0)).ToArray() is { Length: > 0 } known ? known.Average() : null;

    internal static int[] SplitEvenly(int total, int parts)
    {
        var split = new int[parts];
        for (var part = 0; part < parts; part++)
        {
            split[part] = (total / parts) + (part < total % parts ? 1 : 0);
        }

        return split;
    }

    private PhaseResult BuildRow(ILabTarget target, int size, int memoryMb, LabPhase phase, CellRecorder cell)
    {
        var client = LatencyRecorder.Summarize(cell.Successes.Select(s => s.LatencyMs), cell.Errors);
        var reports = cell.Reports;
        var durations = reports.Select(r => r.DurationMs).Order().ToArray();
        var inits = reports.Where(r => r.InitDurationMs is not null).Select(r => r.InitDurationMs!.Value).ToArray();
        var server = reports.Count == 0
            ? ServerFigures.None
            : new ServerFigures(
                reports.Count,
                durations.Average(),
                Percentiles.NearestRank(durations, 95),
                reports.Average(r => r.BilledDurationMs),
                reports.Max(r => r.MaxMemoryUsedMb),
                inits.Length > 0 ? inits.Average() : null,
                AverageMb(reports.Select(r => r.InitResidentFileBytes)),
                AverageMb(reports.Select(r => r.InitResidentAnonymousBytes)));

        // Without REPORTs (a remote URL) the client latency stands in for the billed duration: an upper bound.
        var basis = reports.Count > 0 ? CostBases.ServerBilled : CostBases.ClientLatency;
        var billed = reports.Count > 0
            ? _cost.AverageBilledMs(reports.Select(r => r.BilledDurationMs))
            : _cost.AverageBilledMs(cell.Successes.Select(s => s.LatencyMs));
        var billedInit = inits.Length > 0 ? _cost.AverageBilledMs(inits) : 0m;
        var coldFraction = phase == LabPhase.Cold ? 1m : 0m;

        return new PhaseResult
        {
            Runtime = target.Name,
            RuntimeLabel = target.RuntimeLabel,
            PayloadEvents = size,
            MemoryMb = memoryMb,
            Phase = phase,
            Client = client,
            ColdStartClientMs = phase == LabPhase.Cold ? [.. cell.Successes.Select(s => s.LatencyMs)] : [],
            InitDurationMs = inits,
            Server = server,
            PublishedInit = phase == LabPhase.Cold ? _publishedInit.For(target.Name, memoryMb) : null,
            AwsEstimate = phase == LabPhase.Cold ? _estimate.For(target.Name, memoryMb, server) : null,
            HandlerComputeAvgMs = cell.Successes.Where(s => s.ComputeMs is not null).Select(s => s.ComputeMs!.Value).ToArray() is { Length: > 0 } computed
                ? computed.Average()
                : null,
            PackageSizeBytes = target.PackageSizeBytes,
            UnzippedSizeBytes = target.UnzippedSizeBytes,
            CostPerMillionX86 = client.Count == 0 ? 0 : _cost.PerMillion(Architecture.X86_64, memoryMb, billed, billedInit, coldFraction),
            CostPerMillionArm = client.Count == 0 ? 0 : _cost.PerMillion(Architecture.Arm64, memoryMb, billed, billedInit, coldFraction),
            CostBasis = basis,
            RoundAveragesMs = cell.RoundAverages,
            RoundP95sMs = cell.RoundP95s,
        };
    }

    internal static List<SpeedupResult> BuildSpeedups(IReadOnlyList<PhaseResult> rows, LabOptions options)
    {
        var speedups = new List<SpeedupResult>();
        var baselineName = rows.Select(r => r.Runtime).FirstOrDefault(n => string.Equals(n, options.Baseline, StringComparison.OrdinalIgnoreCase));
        if (baselineName is null)
        {
            return speedups;
        }

        // The I/O-bound variants (name-io) are compared with the baseline's own variant, the rest with the baseline.
        var ioBaseline = rows.Select(r => r.Runtime).FirstOrDefault(n => n == baselineName + Targets.TelemetryRuntime.IoSuffix);
        foreach (var group in rows.GroupBy(r => (r.PayloadEvents, r.MemoryMb)))
        {
            foreach (var warm in group.Where(r => r.Phase == LabPhase.Warm && r.Runtime != baselineName && r.Runtime != ioBaseline))
            {
                var against = ioBaseline is not null && warm.Runtime.EndsWith(Targets.TelemetryRuntime.IoSuffix, StringComparison.Ordinal) ? ioBaseline : baselineName;
                var baseWarm = group.FirstOrDefault(r => r.Runtime == against && r.Phase == LabPhase.Warm);
                var baseCold = group.FirstOrDefault(r => r.Runtime == against && r.Phase == LabPhase.Cold);
                if (baseWarm is null)
                {
                    continue;
                }

                var cold = group.FirstOrDefault(r => r.Runtime == warm.Runtime && r.Phase == LabPhase.Cold);
                RatioSpread? coldSpread = cold is not null && baseCold is not null && cold.Client.Count > 0 && baseCold.Client.Count > 0
                    ? RatioSpread.FromRounds(Speedup.Of(baseCold.Client.AverageMs, cold.Client.AverageMs), Speedup.PerRound(baseCold.RoundAveragesMs, cold.RoundAveragesMs))
                    : null;
                speedups.Add(new SpeedupResult(
                    warm.Runtime,
                    against,
                    group.Key.PayloadEvents,
                    group.Key.MemoryMb,
                    RatioSpread.FromRounds(Speedup.Of(baseWarm.Client.AverageMs, warm.Client.AverageMs), Speedup.PerRound(baseWarm.RoundAveragesMs, warm.RoundAveragesMs)),
                    RatioSpread.FromRounds(Speedup.Of(baseWarm.Client.P95Ms, warm.Client.P95Ms), Speedup.PerRound(baseWarm.RoundP95sMs, warm.RoundP95sMs)),
                    coldSpread));
            }
        }

        return speedups;
    }

    /// <summary>The samples and REPORTs of one runtime in one cell, round by round.</summary>
    private sealed class CellRecorder
    {
        public List<RequestSample> Successes { get; } = [];

        public List<ServerReport> Reports { get; } = [];

        public List<double> RoundAverages { get; } = [];

        public List<double> RoundP95s { get; } = [];

        public int Errors { get; private set; }

        /// <summary>True once any request of this cell has been recorded.</summary>
        public bool Measured => Successes.Count + Errors > 0;

        public void AddRound(IReadOnlyList<RequestSample> samples, IReadOnlyList<ServerReport> reports)
        {
            var ok = samples.Where(s => s.IsSuccess).ToArray();
            Successes.AddRange(ok);
            Errors += samples.Count - ok.Length;
            Reports.AddRange(reports);
            var summary = LatencyRecorder.Summarize(ok.Select(s => s.LatencyMs));
            RoundAverages.Add(summary.Count > 0 ? summary.AverageMs : double.NaN);
            RoundP95s.Add(summary.Count > 0 ? summary.P95Ms : double.NaN);
        }
    }
}
