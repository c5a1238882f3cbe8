using System.Globalization;
using Ember.Lab.Runner;

namespace Ember.Lab.Reports;

/// <summary>Builds the report's tables, the ones of the published article and the lab's own, from the results.</summary>
internal static class ReportTables
{
    public static IReadOnlyList<ReportTable> Build(LabResults results)
    {
        var tables = new List<ReportTable>();
        foreach (var memoryMb in results.MemorySizes)
        {
            var suffix = results.MemorySizes.Count > 1 ? $" ({memoryMb} MB)" : string.Empty;
            tables.Add(Latency(results, memoryMb, suffix));
            if (InitAgainstPublished(results, memoryMb, suffix) is { } init)
            {
                tables.Add(init);
            }
            if (AwsEstimates(results, memoryMb, suffix) is { } estimates)
            {
                tables.Add(estimates);
            }
            if (WarmDecomposition(results, memoryMb, suffix) is { } decomposition)
            {
                tables.Add(decomposition);
            }
            if (results.Speedups.Any(s => s.MemoryMb == memoryMb))
            {
                tables.Add(Speedups(results, memoryMb, suffix));
            }
            if (IoAdvantage(results, memoryMb, suffix) is { } io)
            {
                tables.Add(io);
            }

            tables.Add(Costs(results, memoryMb, suffix));
        }

        if (results.Canary is { } canary)
        {
            tables.AddRange(new[] { canary }.Concat(canary.OtherCandidates ?? []).Select(c => Canary(results, c)));
        }

        if (Provisioned(results) is { } provisioned)
        {
            tables.Add(provisioned);
        }

        if (Bursts(results) is { } bursts)
        {
            tables.Add(bursts);
        }

        if (Verdicts(results) is { } verdicts)
        {
            tables.Add(verdicts);
        }

        tables.Add(Packages(results));
        if (Published(results) is { } published)
        {
            tables.Add(published);
        }

        return tables;
    }

    public static ReportTable Latency(LabResults results, int memoryMb, string suffix)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var size in results.Sizes)
        {
            foreach (var runtime in results.RuntimeNames)
            {
                var warm = results.Find(runtime, size, memoryMb, LabPhase.Warm);
                var cold = results.Find(runtime, size, memoryMb, LabPhase.Cold);
                if (warm is null && cold is null)
                {
                    continue;
                }

                rows.Add(
                [
                    results.PayloadLabel(size),
                    results.LabelOf(runtime),
                    warm is null ? "–" : ReportFormat.Ms(warm.Client.AverageMs),
                    warm is null ? "–" : ReportFormat.Ms(warm.Client.P50Ms),
                    warm is null ? "–" : ReportFormat.Ms(warm.Client.P95Ms),
                    warm is null ? "–" : ReportFormat.Ms(warm.Client.P99Ms),
                    warm is null ? "–" : ReportFormat.Ms(warm.Client.TailSpreadMs),
                    cold is null || cold.Client.Count == 0 ? "–" : ReportFormat.Ms(cold.Client.AverageMs),
                    cold is null ? "–" : ReportFormat.Ms(cold.Server.InitDurationAvgMs),
                    ReportFormat.Ms(cold?.PublishedInit?.InitMs),
                    cold?.PublishedInit is { } published ? ReportFormat.SignedMs(cold.Server.InitDurationAvgMs - published.InitMs) : "–",
                    ReportFormat.Mb(Math.Max(warm?.Server.MaxMemoryUsedMb ?? 0, cold?.Server.MaxMemoryUsedMb ?? 0)),
                    warm is null || warm.Server.Reports == 0 ? "–" : ReportFormat.Ms(warm.Server.BilledDurationAvgMs),
                    ((warm?.Client.Errors ?? 0) + (cold?.Client.Errors ?? 0)).ToString(CultureInfo.InvariantCulture),
                ]);
            }
        }

        return new ReportTable(
            $"Latency per {(results.NamedPayloads ? "payload" : "payload size")} and runtime" + suffix,
            [results.PayloadAxis, "Runtime", "Avg ms", "p50 ms", "p95 ms", "p99 ms", "p99−p95 ms", "Cold ms", "Init ms", "AWS Init ms (published)", "Init − AWS ms", "Max mem MB", "Billed ms", "Errors"],
            rows,
            "Avg to p99: warm requests seen by the client. Cold: average client latency of the first request after a forced cold start. Init: average REPORT Init Duration. " +
            $"AWS Init (published): the nearest published runtime's Init Duration on Lambda ({PublishedSource(results)}); see “Init Duration against AWS”. Billed: average REPORT Billed Duration of warm requests.");
    }

    /// <summary>
    /// Each runtime's local Init Duration beside the published AWS figure for the nearest published runtime, with the
    /// difference and the ratio, and a footnote that says where the figures come from and why they cannot match.
    /// </summary>
    public static ReportTable? InitAgainstPublished(LabResults results, int memoryMb, string suffix)
    {
        var rows = new List<IReadOnlyList<string>>();
        var usedSizes = new SortedSet<int>();
        double? floorMs = null;
        foreach (var runtime in results.RuntimeNames)
        {
            var cold = results.Cold.Where(r => r.Runtime == runtime && r.MemoryMb == memoryMb).ToArray();
            var inits = cold.SelectMany(r => r.InitDurationMs).ToArray();
            var published = cold.Select(r => r.PublishedInit).FirstOrDefault(p => p is not null);
            if (inits.Length == 0 && published is null)
            {
                continue;
            }

            double? local = inits.Length > 0 ? inits.Average() : null;
            if (published is not null)
            {
                usedSizes.Add(published.MemoryMb);
                floorMs ??= published.PlatformFloorMs;
            }

            rows.Add(
            [
                results.LabelOf(runtime),
                published?.Label ?? "–",
                ReportFormat.Ms(local),
                ReportFormat.Ms(published?.InitMs),
                published is null ? "–" : ReportFormat.SignedMs(local - published.InitMs),
                published is null || local is null ? "–" : ReportFormat.Ratio(local.Value / published.InitMs),
            ]);
        }

        if (rows.Count == 0 || usedSizes.Count == 0)
        {
            return null;
        }

        var source = results.Metadata.PublishedInit;
        var sizes = string.Join(", ", usedSizes);
        var atSize = usedSizes.SetEquals([memoryMb])
            ? $"at {memoryMb} MB"
            : $"at {sizes} MB, the published size nearest {memoryMb} MB (Lambda's Init does not follow the memory size)";
        return new ReportTable(
            "Init Duration against AWS (published)" + suffix,
            ["Runtime", "Compared with", "Init ms (here)", "AWS Init ms (published)", "Here − AWS ms", "Here ÷ AWS"],
            rows,
            $"Here: mean REPORT Init Duration over every cold start at {memoryMb} MB, all payload sizes. " +
            $"AWS Init (published): {source.Source}, {source.Method}, {source.Architecture}, {atSize}; {source.Url}, {source.File} (generated {source.GeneratedAt:yyyy-MM-dd}). " +
            "A published Init includes the platform's own share of the init phase (the microVM's process start, loading the code), which a local host does not have: " +
            $"a Rust hello-world, whose own start is next to nothing, reports {ReportFormat.Ms(floorMs)} ms there. Local Init is the runtime's own start alone, " +
            "so read the order and the gaps between runtimes, not the milliseconds. Each runtime is compared with the nearest runtime published, named under “Compared with”.");
    }

    /// <summary>Each cold row beside what AWS would likely report for it (<see cref="Estimate.AwsEstimateModel"/>).</summary>
    public static ReportTable? AwsEstimates(LabResults results, int memoryMb, string suffix)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var size in results.Sizes)
        {
            foreach (var runtime in results.RuntimeNames)
            {
                if (results.Find(runtime, size, memoryMb, LabPhase.Cold) is not { AwsEstimate: { } estimate } cold)
                {
                    continue;
                }
                rows.Add(
                [
                    results.PayloadLabel(size),
                    results.LabelOf(runtime),
                    ReportFormat.Ms(cold.Server.InitDurationAvgMs),
                    ReportFormat.Ms(estimate.InitMs),
                    ReportFormat.Ms(cold.PublishedInit?.InitMs),
                    ReportFormat.Ms(cold.Server.DurationAvgMs),
                    ReportFormat.Ms(estimate.FirstDurationMs),
                    ReportFormat.Mb(cold.Server.MaxMemoryUsedMb),
                    ReportFormat.Mb(estimate.MaxMemoryUsedMb),
                    estimate.Basis == Estimate.AwsEstimateModel.Anchored ? $"anchored on {estimate.Anchor}" : "model only",
                ]);
            }
        }
        if (rows.Count == 0)
        {
            return null;
        }
        var model = results.Metadata.AwsEstimate;
        var coefficients = model is null ? string.Empty
            : $"AWS Init ≈ local Init + {ReportFormat.Ms(model.PlatformMs)} ms + {model.PerFileMbMs.ToString("0.00", CultureInfo.InvariantCulture)} ms per MB of files held when init ended, " +
              $"fitted on {model.LeaveOneOut.Count} calibration runtimes ({model.Command}, {model.MeasuredAt}, {model.Machine}). ";
        return new ReportTable(
            "AWS estimate (cold starts)" + suffix,
            [results.PayloadAxis, "Runtime", "Init ms (here)", "AWS Init ms (estimate)", "AWS Init ms (published)", "First ms (here)", "AWS first ms (estimate)",
                "Max mem MB (here)", "AWS max mem MB (estimate)", "Basis"],
            rows,
            "Estimates, not measurements: what AWS Lambda would likely report for the same cold start. " + coefficients +
            "Anchored rows start from the published figure of their runtime (AWS's own runtime client) and add what this function does beyond the lab's " +
            "calibration point of that runtime; \"model only\" rows use the model alone, which predicts a runtime it was not fitted on only to within " +
            "the leave-one-out errors in docs/lab.md. First ms: the Duration of the first invocation after the cold start.");
    }

    /// <summary>
    /// The warm Duration split where the function reports its own time (compute_ms): the handler, the runtime client
    /// around it (decoding the event, encoding the response, its Runtime API calls), and what the client saw outside
    /// the function (the host's HTTP path); beside the published compute where the article gives one.
    /// </summary>
    public static ReportTable? WarmDecomposition(LabResults results, int memoryMb, string suffix)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var size in results.Sizes)
        {
            foreach (var runtime in results.RuntimeNames)
            {
                if (results.Find(runtime, size, memoryMb, LabPhase.Warm) is not { HandlerComputeAvgMs: { } compute } warm || warm.Server.Reports == 0)
                {
                    continue;
                }
                var published = memoryMb == 512 ? PublishedFigures.ComputeMs(runtime, size) : null;
                rows.Add(
                [
                    results.PayloadLabel(size),
                    results.LabelOf(runtime),
                    ReportFormat.Ms(warm.Client.AverageMs),
                    ReportFormat.Ms(warm.Server.DurationAvgMs),
                    ReportFormat.Ms(compute),
                    ReportFormat.Ms(warm.Server.DurationAvgMs - compute),
                    ReportFormat.Ms(warm.Client.AverageMs - warm.Server.DurationAvgMs),
                    ReportFormat.Ms(published),
                    published is { } p && p > 0 ? ReportFormat.Ratio(compute / p) : "–",
                ]);
            }
        }
        if (rows.Count == 0)
        {
            return null;
        }
        return new ReportTable(
            "Warm Duration, decomposed" + suffix,
            [results.PayloadAxis, "Runtime", "Client avg ms", "Duration avg ms", "Handler ms", "Runtime client ms", "Outside the function ms",
                "AWS handler ms (published)", "Here ÷ AWS"],
            rows,
            "Warm requests. Duration: REPORT's, from the runtime receiving the event to its response. Handler: the function's own compute_ms " +
            "(from the handler's start, parsing the body included, to the result; whole ms rounded down, so up to 1 ms low). Runtime client: " +
            "Duration − handler: decoding the event, encoding the response and the Runtime API calls. Outside the function: client latency − " +
            "Duration (the host's HTTP path and the load generator). AWS handler (published): the reference article's post-parse compute at " +
            $"20,000 events ({PublishedFigures.Setting}); here ÷ AWS states this machine's speed against Lambda's at the same memory (arm64 there).");
    }

    /// <summary>The fastest cold start per memory size and payload, here and on AWS (estimated), and whether they agree.</summary>
    public static ReportTable? Verdicts(LabResults results)
    {
        var verdicts = results.Verdicts;
        if (verdicts.Count == 0)
        {
            return null;
        }
        var rows = verdicts.Select(v => (IReadOnlyList<string>)
        [
            ReportFormat.Events(v.MemoryMb) + " MB",
            results.PayloadLabel(v.PayloadEvents),
            $"{results.LabelOf(v.HereRuntime)}: {ReportFormat.Ms(v.HereColdStartMs)} ms",
            $"{results.LabelOf(v.AwsRuntime)}: {ReportFormat.Ms(v.AwsColdStartMs)} ms",
            v.Agree ? "yes" : "no",
        ]).ToList();
        var disagree = verdicts.Count(v => !v.Agree);
        return new ReportTable(
            "Verdict: the fastest cold start, here and on AWS",
            ["Memory", results.PayloadAxis, "Here (measured)", "On AWS (estimate)", "Agree"],
            rows,
            "Cold start: Init Duration plus the first invocation's Duration. " +
            (disagree == 0
                ? "Here and the AWS estimate pick the same runtime everywhere."
                : $"In {disagree} of {verdicts.Count} cases the runtime fastest here is not the one fastest on AWS: deploy by the AWS column; the platform adds its own cost to each runtime's start (docs/lab.md, \"The AWS estimate\")."));
    }

    private static string PublishedSource(LabResults results) =>
        $"{results.Metadata.PublishedInit.Source}, {results.Metadata.PublishedInit.GeneratedAt:yyyy-MM-dd}";

    public static ReportTable Speedups(LabResults results, int memoryMb, string suffix)
    {
        var baseline = results.Metadata.Settings.Baseline;
        var rows = results.Speedups
            .Where(s => s.MemoryMb == memoryMb && s.Baseline == baseline)
            .OrderBy(s => s.PayloadEvents)
            .ThenBy(s => results.RuntimeNames.ToList().IndexOf(s.Runtime))
            .Select(s => (IReadOnlyList<string>)
            [
                results.PayloadLabel(s.PayloadEvents),
                results.LabelOf(s.Runtime),
                ReportFormat.Spread(s.Average),
                ReportFormat.Spread(s.P95),
                ReportFormat.Spread(s.ColdStart),
            ])
            .ToArray();
        return new ReportTable(
            $"Speedup against {results.LabelOf(baseline)}" + suffix,
            [results.PayloadAxis, "Runtime", "Avg", "p95", "Cold start"],
            rows,
            $"{results.LabelOf(baseline)} time ÷ runtime time: above 1 is faster than {results.LabelOf(baseline)}. In brackets: median and range of the same ratio taken round by round.");
    }

    /// <summary>
    /// <c>--scenario io</c>: each runtime beside its I/O-bound variant (the same work, then one DynamoDB
    /// PutItem): the milliseconds the write adds, the speedup over the baseline in each form, and how
    /// much of the compute advantage is left once the function also waits on I/O.
    /// </summary>
    public static ReportTable? IoAdvantage(LabResults results, int memoryMb, string suffix)
    {
        const string io = Targets.TelemetryRuntime.IoSuffix;
        var baseline = results.Metadata.Settings.Baseline;
        var pairs = results.RuntimeNames.Where(n => !n.EndsWith(io, StringComparison.Ordinal) && results.RuntimeNames.Contains(n + io)).ToArray();
        if (pairs.Length == 0)
        {
            return null;
        }
        var rows = new List<IReadOnlyList<string>>();
        foreach (var size in results.Sizes)
        {
            foreach (var runtime in pairs)
            {
                var compute = results.Find(runtime, size, memoryMb, LabPhase.Warm);
                var withIo = results.Find(runtime + io, size, memoryMb, LabPhase.Warm);
                if (compute is null || withIo is null || compute.Client.Count == 0 || withIo.Client.Count == 0)
                {
                    continue;
                }
                var computeSpeedup = results.Speedups.FirstOrDefault(s => s.Runtime == runtime && s.Baseline == baseline && s.PayloadEvents == size && s.MemoryMb == memoryMb)?.Average.Overall;
                var ioSpeedup = results.Speedups.FirstOrDefault(s => s.Runtime == runtime + io && s.Baseline == baseline + io && s.PayloadEvents == size && s.MemoryMb == memoryMb)?.Average.Overall;
                rows.Add(
                [
                    results.PayloadLabel(size),
                    results.LabelOf(runtime),
                    ReportFormat.Ms(compute.Client.AverageMs),
                    ReportFormat.Ms(withIo.Client.AverageMs),
                    ReportFormat.SignedMs(withIo.Client.AverageMs - compute.Client.AverageMs),
                    computeSpeedup is { } c ? string.Create(CultureInfo.InvariantCulture, $"{c:0.00}×") : "–",
                    ioSpeedup is { } i ? string.Create(CultureInfo.InvariantCulture, $"{i:0.00}×") : "–",
                    computeSpeedup is { } before && ioSpeedup is { } after && before > 1.05
                        ? string.Create(CultureInfo.InvariantCulture, $"{Math.Max((after - 1) / (before - 1), 0):0%}")
                        : "–",
                ]);
            }
        }
        return new ReportTable(
            "What one DynamoDB write leaves of each runtime's advantage" + suffix,
            [results.PayloadAxis, "Runtime", "Compute avg ms", "+ PutItem avg ms", "Added ms", $"Speedup vs {baseline}", $"Speedup vs {baseline}{io}", "Advantage kept"],
            rows,
            $"Warm client averages. Each I/O-bound variant (functions/telemetry-io) does the same aggregation, then one PutItem to a local DynamoDB; its speedup is against {baseline}'s own variant. " +
            "Advantage kept: (speedup with the write − 1) ÷ (compute speedup − 1), for runtimes faster than the baseline; above 100 % the write costs the baseline more than the runtime, so the gap grows. The local DynamoDB answers in about a millisecond; on AWS a write takes a few, so less is kept there.");
    }

    public static ReportTable Costs(LabResults results, int memoryMb, string suffix)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var size in results.Sizes)
        {
            foreach (var runtime in results.RuntimeNames)
            {
                var warm = results.Find(runtime, size, memoryMb, LabPhase.Warm);
                if (warm is null)
                {
                    continue;
                }

                var cold = results.Find(runtime, size, memoryMb, LabPhase.Cold);
                rows.Add(
                [
                    results.PayloadLabel(size),
                    results.LabelOf(runtime),
                    ReportFormat.Usd(warm.CostPerMillionX86),
                    ReportFormat.Usd(warm.CostPerMillionArm),
                    cold is null ? "–" : ReportFormat.Usd(cold.CostPerMillionX86),
                    cold is null ? "–" : ReportFormat.Usd(cold.CostPerMillionArm),
                    warm.CostBasis,
                ]);
            }
        }

        var prices = results.Metadata.Prices;
        return new ReportTable(
            "Cost per million invocations" + suffix,
            [results.PayloadAxis, "Runtime", "Warm x86_64", "Warm arm64", "All-cold x86_64", "All-cold arm64", "Basis"],
            rows,
            string.Create(
                CultureInfo.InvariantCulture,
                $"{prices.Region} prices effective {prices.EffectiveDate:yyyy-MM-dd}: ${prices.RequestPricePerMillion} per million requests, ${prices.GbSecondPriceX86} (x86_64) / ${prices.GbSecondPriceArm} (arm64) per GB-second, duration billed per started ms. All-cold: every invocation a cold start, its init billed too."));
    }

    /// <summary><c>--scenario canary</c>: one migration, step by step and version by version, and the monthly bill before and after.</summary>
    public static ReportTable Canary(LabResults results, CanaryResult canary)
    {
        var fromLabel = results.LabelOf(canary.From);
        var rows = new List<IReadOnlyList<string>>();
        foreach (var step in canary.Steps)
        {
            foreach (var (version, figures) in step.Versions.OrderBy(v => v.Key, StringComparer.Ordinal))
            {
                rows.Add(
                [
                    step.Weight < 1 ? string.Create(CultureInfo.InvariantCulture, $"{step.Weight:0%} on version 2") : "promoted to version 2",
                    version == "1" ? $"1 ({fromLabel})" : $"{version} ({canary.ToLabel})",
                    figures.Requests.ToString(CultureInfo.InvariantCulture),
                    figures.Errors.ToString(CultureInfo.InvariantCulture),
                    ReportFormat.Ms(figures.P50Ms),
                    ReportFormat.Ms(figures.P95Ms),
                    ReportFormat.Mb(figures.MaxMemoryUsedMb),
                    ReportFormat.Ms(figures.AvgBilledMs),
                    ReportFormat.Usd(figures.CostPerMillionX86),
                ]);
            }
        }
        var saving = canary.MonthlyBeforeUsd > 0 ? 1 - (canary.MonthlyAfterUsd / canary.MonthlyBeforeUsd) : 0;
        return new ReportTable(
            $"Canary migration: {fromLabel} → {canary.ToLabel} through the alias live ({canary.MemoryMb} MB)",
            ["Step", "Version", "Requests", "Errors", "p50 ms", "p95 ms", "Max mem MB", "Billed ms", "$/million x86_64"],
            rows,
            string.Create(CultureInfo.InvariantCulture,
                $"Version 1 is the {fromLabel} function, version 2 the same function with the {canary.ToLabel} code, runtime and handler (UpdateFunctionConfiguration, then PublishVersion); ") +
            "the alias routes by AdditionalVersionWeights, so each version's share of requests is the weight's, give or take chance; the record of each request says which version ran it. " +
            string.Create(CultureInfo.InvariantCulture,
                $"For {canary.MonthlyRequests:N0} requests a month ({PayloadNoun(results, canary.PayloadEvents)}): ${canary.MonthlyBeforeUsd:0.00} on version 1 before, ${canary.MonthlyAfterUsd:0.00} on version 2 after, {saving:0%} less (warm, x86_64, on-demand prices)."));
    }

    /// <summary><c>--provisioned N</c>: the first request after an on-demand cold start beside the first on a provisioned environment.</summary>
    public static ReportTable? Provisioned(LabResults results)
    {
        if (results.Provisioned is not { Count: > 0 } provisioned)
        {
            return null;
        }
        var rows = provisioned
            .OrderBy(p => p.MemoryMb)
            .ThenBy(p => results.RuntimeNames.ToList().IndexOf(p.Runtime))
            .Select(p => (IReadOnlyList<string>)
            [
                p.MemoryMb.ToString(CultureInfo.InvariantCulture),
                p.RuntimeLabel,
                p.OnDemandFirstMs.Count > 0 ? ReportFormat.Ms(p.OnDemandFirstMs.Average()) : "–",
                ReportFormat.Ms(p.OnDemandInitMs),
                p.ProvisionedFirstMs.Count > 0 ? ReportFormat.Ms(p.ProvisionedFirstMs.Average()) : "–",
                string.Create(CultureInfo.InvariantCulture, $"{p.ProvisionedReportsWithInit} of {p.ProvisionedReports}"),
                ReportFormat.Usd(p.OnDemandPerMillionX86),
                ReportFormat.Usd(p.ProvisionedPerMillionX86),
                ReportFormat.Usd(p.StandingPerEnvironmentHourX86),
            ])
            .ToArray();
        var first = provisioned[0];
        var prices = results.Metadata.Prices;
        return new ReportTable(
            $"Provisioned concurrency: the first request on {first.Environments} provisioned environment(s) against the first after an on-demand cold start",
            ["Memory MB", "Runtime", "On-demand first ms", "Init ms", "Provisioned first ms", "REPORTs with Init Duration", "$/million all-cold x86_64", "$/million provisioned x86_64", "$/env-hour x86_64"],
            rows,
            string.Create(CultureInfo.InvariantCulture,
                $"Both through the Invoke API ({PayloadNoun(results, first.PayloadEvents)}), {first.OnDemandFirstMs.Count} round(s): a forced cold start of $LATEST and its first request, then a version with provisioned concurrency (initialised before it is READY) and its first request. ") +
            "A provisioned environment's REPORT has no Init Duration, as on Lambda: its init happened before any request. " +
            $"Costs ({prices.Region}, {prices.EffectiveDate:yyyy-MM-dd}): on demand, every request a cold start with its init billed; provisioned, the requests at the provisioned duration price, plus the standing charge per environment-hour whether it serves or not.");
    }

    /// <summary><c>--burst N:C</c>: per runtime and memory size, what a burst against a reserved concurrency was served, throttled, and how fast.</summary>
    public static ReportTable? Bursts(LabResults results)
    {
        if (results.Bursts is not { Count: > 0 } bursts)
        {
            return null;
        }
        var rows = bursts
            .OrderBy(b => b.MemoryMb)
            .ThenBy(b => results.RuntimeNames.ToList().IndexOf(b.Runtime))
            .Select(b => (IReadOnlyList<string>)
            [
                b.MemoryMb.ToString(CultureInfo.InvariantCulture),
                b.RuntimeLabel,
                b.Succeeded.ToString(CultureInfo.InvariantCulture),
                b.Throttled.ToString(CultureInfo.InvariantCulture),
                b.OtherErrors.ToString(CultureInfo.InvariantCulture),
                ReportFormat.Ms(b.P50Ms),
                ReportFormat.Ms(b.P95Ms),
                ReportFormat.Ms(b.MaxMs),
            ])
            .ToArray();
        var first = bursts[0];
        return new ReportTable(
            $"Burst: {first.Requests} requests from {first.Concurrency} clients against a reserved concurrency of {first.ReservedConcurrency}",
            ["Memory MB", "Runtime", "200", "429", "Other errors", "p50 ms (served)", "p95 ms (served)", "Max ms (served)"],
            rows,
            $"As hey -n {first.Requests} -c {first.Concurrency} against each function with its reserved concurrency set to {first.ReservedConcurrency} (then removed): " +
            $"requests beyond the environments the reservation allows are throttled with 429 TooManyRequestsException ({PayloadNoun(results, first.PayloadEvents)}). " +
            "A throttled request is answered at once and its client sends the next, so most of a burst meets a full reservation: the share served depends on how long each served request holds its environment, and on this machine's cores.");
    }

    private static string PayloadNoun(LabResults results, int size) =>
        results.NamedPayloads ? results.PayloadLabel(size) : $"{ReportFormat.Events(size)} events each";

    public static ReportTable Packages(LabResults results)
    {
        var rows = results.RuntimeNames
            .Select(n => results.Rows.First(r => r.Runtime == n))
            .Select(r => (IReadOnlyList<string>)[results.LabelOf(r.Runtime), ReportFormat.Bytes(r.PackageSizeBytes), ReportFormat.Bytes(r.UnzippedSizeBytes)])
            .ToArray();
        return new ReportTable("Package size", ["Runtime", "Deployment zip", "Unzipped"], rows,
            "Deployment zip: the code folder zipped as `sam build` packages it (deflate), Lambda's CodeSize (limit 50 MB uploaded directly); unzipped: the files (limit 250 MB).");
    }

    /// <summary>The published Go-vs-Python table beside this run's, compared as ratios (Python ÷ Go), since absolute times cannot match.</summary>
    public static ReportTable? Published(LabResults results)
    {
        var go = results.RuntimeNames.FirstOrDefault(n => n.Equals("go", StringComparison.OrdinalIgnoreCase));
        var python = results.RuntimeNames.FirstOrDefault(n => n.Equals("python", StringComparison.OrdinalIgnoreCase));
        if (go is null || python is null)
        {
            return null;
        }

        var memoryMb = results.MemorySizes.Contains(512) ? 512 : results.MemorySizes[0];
        var rows = new List<IReadOnlyList<string>>();
        foreach (var published in PublishedFigures.Rows)
        {
            var goWarm = results.Find(go, published.Events, memoryMb, LabPhase.Warm);
            var pyWarm = results.Find(python, published.Events, memoryMb, LabPhase.Warm);
            if (goWarm is null || pyWarm is null)
            {
                continue;
            }

            var goCold = results.Find(go, published.Events, memoryMb, LabPhase.Cold);
            var pyCold = results.Find(python, published.Events, memoryMb, LabPhase.Cold);
            rows.Add(
            [
                ReportFormat.Events(published.Events),
                Triple(published.PythonAvgMs, published.PythonP95Ms, published.PythonColdMs),
                Triple(published.GoAvgMs, published.GoP95Ms, published.GoColdMs),
                ReportFormat.Ratio(published.PythonAvgMs / published.GoAvgMs),
                Triple(pyWarm.Client.AverageMs, pyWarm.Client.P95Ms, pyCold?.Client.AverageMs),
                Triple(goWarm.Client.AverageMs, goWarm.Client.P95Ms, goCold?.Client.AverageMs),
                ReportFormat.Ratio(Statistics.Speedup.Of(pyWarm.Client.AverageMs, goWarm.Client.AverageMs)),
            ]);
        }

        return new ReportTable(
            "Against the published figures",
            ["Events", "Published Python avg/p95/cold", "Published Go avg/p95/cold", "Published Python÷Go avg", "Here Python avg/p95/cold", "Here Go avg/p95/cold", "Here Python÷Go avg"],
            rows,
            $"Published: {PublishedFigures.Setting}. " + OrderingSentence(results, go, python, memoryMb));
    }

    /// <summary>Says plainly whether Go and Python keep the published order here, and why they may not.</summary>
    public static string OrderingSentence(LabResults results, string go, string python, int memoryMb)
    {
        var flipped = new List<int>();
        var compared = 0;
        foreach (var published in PublishedFigures.Rows)
        {
            var goWarm = results.Find(go, published.Events, memoryMb, LabPhase.Warm);
            var pyWarm = results.Find(python, published.Events, memoryMb, LabPhase.Warm);
            if (goWarm is null || pyWarm is null || goWarm.Client.Count == 0 || pyWarm.Client.Count == 0)
            {
                continue;
            }

            compared++;
            var publishedGoFaster = published.GoAvgMs < published.PythonAvgMs;
            var hereGoFaster = goWarm.Client.AverageMs < pyWarm.Client.AverageMs;
            if (publishedGoFaster != hereGoFaster)
            {
                flipped.Add(published.Events);
            }
        }

        if (compared == 0)
        {
            return "No size of the published table was measured here for both Go and Python.";
        }

        if (flipped.Count == 0)
        {
            return "Go and Python keep the published order (by average latency) at every size compared.";
        }

        var sizes = string.Join(", ", flipped.Select(ReportFormat.Events));
        return $"The Go-vs-Python order differs from the published one at {sizes} events. That is expected rather than an error: " +
            "the published times are end-to-end over the internet on Lambda (arm64, 512 MB, a fraction of a vCPU), while here there is no network " +
            $"and every function shares this machine's {results.Metadata.Machine.Cores} cores, so the compute dominates. " + WhereTheTimeGoes(results, go, python, memoryMb);
    }

    /// <summary>What the warm decomposition shows about Go against Python at the largest size with the article's compute, or nothing without it.</summary>
    private static string WhereTheTimeGoes(LabResults results, string go, string python, int memoryMb)
    {
        foreach (var published in PublishedFigures.Rows.OrderByDescending(r => r.Events))
        {
            var events = published.Events;
            if (results.Find(go, events, memoryMb, LabPhase.Warm) is not { HandlerComputeAvgMs: { } goHandler } goWarm
                || results.Find(python, events, memoryMb, LabPhase.Warm) is not { HandlerComputeAvgMs: { } pyHandler } pyWarm
                || PublishedFigures.ComputeMs("go", events) is not { } goAws || PublishedFigures.ComputeMs("python", events) is not { } pyAws)
            {
                continue;
            }
            return $"Measured, at {ReportFormat.Events(events)} events (“Warm Duration, decomposed”): Go's handler took {ReportFormat.Ms(goHandler)} ms here " +
                $"and Python's {ReportFormat.Ms(pyHandler)} ms; the article's post-parse compute is Go {ReportFormat.Ms(goAws)} ms, Python {ReportFormat.Ms(pyAws)} ms, " +
                $"so Go's handler is the {(goAws > pyAws ? "slower" : "faster")} on Lambda too. The published Go advantage lies outside the handler: end-to-end " +
                $"minus compute is Python {ReportFormat.Ms(published.PythonAvgMs - pyAws)} ms against Go {ReportFormat.Ms(published.GoAvgMs - goAws)} ms there " +
                "(the internet path and AWS's runtime clients), against " +
                $"{ReportFormat.Ms(pyWarm.Client.AverageMs - pyHandler)} and {ReportFormat.Ms(goWarm.Client.AverageMs - goHandler)} ms here.";
        }
        return "The warm decomposition (the functions' compute_ms) was not measured for both at 20,000 events, so this run cannot say where the difference lies.";
    }

    private static string Triple(double avg, double p95, double? cold) =>
        $"{ReportFormat.Ms(avg)} / {ReportFormat.Ms(p95)} / {ReportFormat.Ms(cold)}";
}
