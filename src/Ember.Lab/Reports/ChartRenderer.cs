using System.Globalization;
using ScottPlot;

namespace Ember.Lab.Reports;

/// <summary>
/// Draws the lab's charts as PNG with ScottPlot (headless: SkiaSharp with its own native library).
/// Payload sizes span two and a half decades, so size axes are logarithmic with a tick at each measured
/// size; latencies span an order of magnitude between runtimes, so the latency axis is logarithmic too.
/// Each runtime keeps one colour across every chart.
/// </summary>
internal static class ChartRenderer
{
    public const int Width = 1000;
    public const int Height = 620;

    public const string InitBoxPlotFile = "init-duration.png";
    public const string LatencyFile = "latency-by-size.png";
    public const string CostFile = "cost-by-size.png";
    public const string MemorySweepFile = "latency-by-memory.png";

    public static IReadOnlyList<ChartFile> RenderAll(LabResults results, string directory)
    {
        Directory.CreateDirectory(directory);
        var charts = new List<ChartFile>();
        var memoryMb = results.MemorySizes.FirstOrDefault();

        if (results.Cold.Any(r => r.InitDurationMs.Count > 0 || r.ColdStartClientMs.Count > 0))
        {
            charts.Add(RenderInitBoxPlot(results, memoryMb, Path.Combine(directory, InitBoxPlotFile)));
        }

        if (results.Warm.Any())
        {
            charts.Add(RenderLatency(results, memoryMb, Path.Combine(directory, LatencyFile)));
            charts.Add(RenderCost(results, memoryMb, Path.Combine(directory, CostFile)));
        }

        if (results.MemorySizes.Count > 1 && results.Warm.Any())
        {
            charts.Add(RenderMemorySweep(results, Path.Combine(directory, MemorySweepFile)));
        }

        return charts;
    }

    private static Color ColorOf(LabResults results, string runtime)
    {
        var palette = new ScottPlot.Palettes.Category10();
        var index = results.RuntimeNames.ToList().IndexOf(runtime);
        return palette.GetColor(Math.Max(index, 0));
    }

    private static ChartFile RenderInitBoxPlot(LabResults results, int memoryMb, string path)
    {
        var plot = NewPlot();
        var runtimes = results.RuntimeNames.Where(n => results.Cold.Any(r => r.Runtime == n)).ToArray();
        var usesInit = results.Cold.Any(r => r.InitDurationMs.Count > 0);
        var positions = new List<double>();
        var labels = new List<string>();
        var maxValue = 0.0;
        var publishedShown = false;
        var estimateShown = false;

        for (var i = 0; i < runtimes.Length; i++)
        {
            var runtime = runtimes[i];
            var rows = results.Cold.Where(r => r.Runtime == runtime && r.MemoryMb == memoryMb).ToArray();
            var samples = (usesInit ? rows.SelectMany(r => r.InitDurationMs) : rows.SelectMany(r => r.ColdStartClientMs)).Order().ToArray();
            positions.Add(i);
            labels.Add(results.LabelOf(runtime));
            if (usesInit && rows.Select(r => r.PublishedInit).FirstOrDefault(p => p is not null) is { } published)
            {
                // The published AWS figure as a dashed bar across the box: the local Init read against it at a glance.
                var aws = plot.Add.Line(i - 0.3, published.InitMs, i + 0.3, published.InitMs);
                aws.LineColor = Colors.Black;
                aws.LineWidth = 2;
                aws.LinePattern = LinePattern.Dashed;
                if (!publishedShown)
                {
                    var source = results.Metadata.PublishedInit;
                    aws.LegendText = $"AWS Init (published: {source.Source}, {source.GeneratedAt:yyyy-MM-dd}, {source.Architecture}; nearest runtime published)";
                    publishedShown = true;
                }

                maxValue = Math.Max(maxValue, published.InitMs);
            }

            var estimates = rows.Where(r => r.AwsEstimate is not null).Select(r => r.AwsEstimate!.InitMs).ToArray();
            if (usesInit && estimates.Length > 0)
            {
                // The AWS estimate (its mean over the payload sizes) as a dotted bar: an estimate, drawn unlike the published figure.
                var estimate = estimates.Average();
                var line = plot.Add.Line(i - 0.3, estimate, i + 0.3, estimate);
                line.LineColor = Colors.DarkRed;
                line.LineWidth = 2;
                line.LinePattern = LinePattern.Dotted;
                if (!estimateShown)
                {
                    line.LegendText = "AWS Init (estimate: the lab's model, docs/lab.md)";
                    estimateShown = true;
                }

                maxValue = Math.Max(maxValue, estimate);
            }

            if (samples.Length == 0)
            {
                continue;
            }

            var color = ColorOf(results, runtime);
            var box = new Box
            {
                Position = i,
                BoxMin = Statistics.Percentiles.Quantile(samples, 0.25),
                BoxMax = Statistics.Percentiles.Quantile(samples, 0.75),
                BoxMiddle = Statistics.Percentiles.Quantile(samples, 0.5),
                WhiskerMin = samples[0],
                WhiskerMax = samples[^1],
                Width = 0.5,
            };
            var boxPlot = plot.Add.Box(box);

            // Add.Box paints with the plot's own palette; repaint with the runtime's colour used everywhere.
            boxPlot.FillColor = color.WithAlpha(0.35);
            boxPlot.LineColor = color;
            boxPlot.LineWidth = 2;
            maxValue = Math.Max(maxValue, samples[^1]);

            // Every sample as a dot beside its box: with ten cold starts the points say more than quartiles.
            var xs = samples.Select((_, k) => i + 0.32 + (k % 5 * 0.02)).ToArray();
            var dots = plot.Add.ScatterPoints(xs, samples);
            dots.Color = color;
            dots.MarkerSize = 5;
        }

        plot.Axes.Bottom.SetTicks([.. positions], [.. labels]);
        plot.Axes.SetLimitsX(-0.6, runtimes.Length - 0.4);
        // From zero, so the heights compare honestly between runtimes.
        plot.Axes.SetLimitsY(0, Math.Max(maxValue, 1) * 1.08);
        var what = usesInit ? "Init Duration (REPORT)" : "Cold-start latency (client)";
        plot.Title($"{what} per runtime, {memoryMb} MB, every payload size");
        plot.YLabel($"{what} (ms)");
        plot.XLabel("Runtime (box: quartiles, whiskers: min–max, dots: each cold start)");
        if (publishedShown || estimateShown)
        {
            plot.ShowLegend(Edge.Bottom);
            plot.Legend.FontSize = 11;
        }

        plot.SavePng(path, Width, Height);
        return new ChartFile("init-duration", path, $"{what} per runtime");
    }

    private static ChartFile RenderLatency(LabResults results, int memoryMb, string path)
    {
        var plot = NewPlot();
        var sizes = results.Sizes;
        var all = new List<double>();
        (string Name, Func<PhaseResult, double> Pick, LinePattern Pattern, MarkerShape Marker)[] series =
        [
            ("p50", r => r.Client.P50Ms, LinePattern.Solid, MarkerShape.FilledCircle),
            ("p95", r => r.Client.P95Ms, LinePattern.Dashed, MarkerShape.FilledSquare),
            ("p99", r => r.Client.P99Ms, LinePattern.Dotted, MarkerShape.FilledTriangleUp),
        ];

        foreach (var runtime in results.RuntimeNames)
        {
            var rows = results.Warm.Where(r => r.Runtime == runtime && r.MemoryMb == memoryMb && r.Client.Count > 0).OrderBy(r => r.PayloadEvents).ToArray();
            if (rows.Length == 0)
            {
                continue;
            }

            foreach (var (name, pick, pattern, marker) in series)
            {
                var ys = rows.Select(r => Math.Max(pick(r), 0.01)).ToArray();
                all.AddRange(ys);
                var line = plot.Add.Scatter(rows.Select(r => SizeX(results, r.PayloadEvents)).ToArray(), ys.Select(Math.Log10).ToArray());
                line.Color = ColorOf(results, runtime);
                line.LineWidth = name == "p50" ? 2.5f : 1.8f;
                line.LinePattern = pattern;
                line.MarkerShape = marker;
                line.MarkerSize = 7;
                line.LegendText = $"{results.LabelOf(runtime)} {name}";
            }
        }

        SetSizeAxis(plot, results);
        SetLogValueAxis(plot, all, v => FormatMs(v));
        plot.Title($"Warm latency against {(results.NamedPayloads ? "payload" : "payload size")}, {memoryMb} MB (client-observed)");
        plot.XLabel(SizeAxisLabel(results));
        plot.YLabel("Latency (ms, log scale): p50 solid, p95 dashed, p99 dotted");
        // Twelve entries would cover lines inside the plot: the legend goes to the right of it.
        plot.ShowLegend(Edge.Right);
        plot.Legend.FontSize = 11;
        plot.SavePng(path, Width + 200, Height);
        return new ChartFile("latency-by-size", path, "Latency p50/p95/p99 against payload size");
    }

    private static ChartFile RenderCost(LabResults results, int memoryMb, string path)
    {
        var plot = NewPlot();
        foreach (var runtime in results.RuntimeNames)
        {
            var rows = results.Warm.Where(r => r.Runtime == runtime && r.MemoryMb == memoryMb && r.Client.Count > 0).OrderBy(r => r.PayloadEvents).ToArray();
            if (rows.Length == 0)
            {
                continue;
            }

            var xs = rows.Select(r => SizeX(results, r.PayloadEvents)).ToArray();
            var x86 = plot.Add.Scatter(xs, rows.Select(r => (double)r.CostPerMillionX86).ToArray());
            x86.Color = ColorOf(results, runtime);
            x86.LineWidth = 2.5f;
            x86.MarkerSize = 7;
            x86.LegendText = $"{results.LabelOf(runtime)} x86_64";

            var arm = plot.Add.Scatter(xs, rows.Select(r => (double)r.CostPerMillionArm).ToArray());
            arm.Color = ColorOf(results, runtime);
            arm.LineWidth = 1.8f;
            arm.LinePattern = LinePattern.Dashed;
            arm.MarkerShape = MarkerShape.FilledSquare;
            arm.MarkerSize = 6;
            arm.LegendText = $"{results.LabelOf(runtime)} arm64";
        }

        SetSizeAxis(plot, results);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = v => "$" + v.ToString("0.00##", CultureInfo.InvariantCulture),
        };
        var prices = results.Metadata.Prices;
        plot.Title($"Cost per million warm invocations{(results.NamedPayloads ? " by payload" : "")}, {memoryMb} MB ({prices.Region} prices of {prices.EffectiveDate:yyyy-MM-dd})");
        plot.XLabel(SizeAxisLabel(results));
        plot.YLabel("Cost per million invocations (USD, $0.20 is the request charge)");
        plot.ShowLegend(Edge.Right);
        plot.Legend.FontSize = 11;
        plot.SavePng(path, Width + 200, Height);
        return new ChartFile("cost-by-size", path, "Cost per million invocations against payload size");
    }

    /// <summary>A memory sweep: warm average and p95 at the largest payload against memory size (CPU follows memory, as on Lambda).</summary>
    private static ChartFile RenderMemorySweep(LabResults results, string path)
    {
        var plot = NewPlot();
        var size = results.Sizes[^1];
        var memories = results.MemorySizes;
        var all = new List<double>();
        foreach (var runtime in results.RuntimeNames)
        {
            var rows = results.Warm.Where(r => r.Runtime == runtime && r.PayloadEvents == size && r.Client.Count > 0).OrderBy(r => r.MemoryMb).ToArray();
            if (rows.Length == 0)
            {
                continue;
            }

            var xs = rows.Select(r => Math.Log10(r.MemoryMb)).ToArray();
            foreach (var (name, pick, pattern) in new (string, Func<PhaseResult, double>, LinePattern)[] { ("avg", r => r.Client.AverageMs, LinePattern.Solid), ("p95", r => r.Client.P95Ms, LinePattern.Dashed) })
            {
                var ys = rows.Select(r => Math.Max(pick(r), 0.01)).ToArray();
                all.AddRange(ys);
                var line = plot.Add.Scatter(xs, ys.Select(Math.Log10).ToArray());
                line.Color = ColorOf(results, runtime);
                line.LinePattern = pattern;
                line.LineWidth = name == "avg" ? 2.5f : 1.8f;
                line.MarkerSize = 7;
                line.LegendText = $"{results.LabelOf(runtime)} {name}";
            }
        }

        plot.Axes.Bottom.SetTicks(
            [.. memories.Select(m => Math.Log10(m))],
            [.. memories.Select(m => m.ToString(CultureInfo.InvariantCulture))]);
        var pad = Math.Max((Math.Log10(memories[^1]) - Math.Log10(memories[0])) * 0.06, 0.05);
        plot.Axes.SetLimitsX(Math.Log10(memories[0]) - pad, Math.Log10(memories[^1]) + pad);
        SetLogValueAxis(plot, all, v => FormatMs(v));
        plot.Title($"Warm latency against memory size, {(results.NamedPayloads ? results.PayloadLabel(size) : $"{size:N0} events")} (CPU follows memory)");
        plot.XLabel("Memory size (MB, log scale; 1769 MB = one vCPU)");
        plot.YLabel("Latency (ms, log scale): average solid, p95 dashed");
        plot.ShowLegend(Edge.Right);
        plot.Legend.FontSize = 11;
        plot.SavePng(path, Width + 200, Height);
        return new ChartFile("latency-by-memory", path, "Latency against memory size");
    }

    private static Plot NewPlot()
    {
        var plot = new Plot();
        plot.Axes.Title.Label.FontSize = 18;
        plot.Axes.Left.Label.FontSize = 14;
        plot.Axes.Bottom.Label.FontSize = 14;
        plot.Grid.MajorLineColor = Colors.Black.WithAlpha(0.12);
        return plot;
    }

    /// <summary>Where a size sits on the x axis: log10 of its events, or, for the user's payload files, its place in the list.</summary>
    private static double SizeX(LabResults results, int size) => results.NamedPayloads ? size : Math.Log10(size);

    private static string SizeAxisLabel(LabResults results) => results.NamedPayloads ? "Payload (event file)" : "Payload size (events, log scale)";

    private static void SetSizeAxis(Plot plot, LabResults results)
    {
        var sizes = results.Sizes;
        plot.Axes.Bottom.SetTicks(
            [.. sizes.Select(s => SizeX(results, s))],
            [.. sizes.Select(results.PayloadLabel)]);
        if (sizes.Count > 0)
        {
            var min = SizeX(results, sizes.Min());
            var max = SizeX(results, sizes.Max());
            var pad = Math.Max((max - min) * 0.06, 0.1);
            plot.Axes.SetLimitsX(min - pad, max + pad);
        }
    }

    private static void SetLogValueAxis(Plot plot, IReadOnlyList<double> values, Func<double, string> format)
    {
        // Ticks at 1, 2 and 5 of each decade the values span, labelled in real units.
        var ticks = new List<double>();
        if (values.Count > 0)
        {
            var low = (int)Math.Floor(Math.Log10(values.Min()));
            var high = (int)Math.Ceiling(Math.Log10(values.Max()));
            for (var decade = low; decade <= high; decade++)
            {
                foreach (var step in new[] { 1, 2, 5 })
                {
                    ticks.Add(step * Math.Pow(10, decade));
                }
            }

            plot.Axes.SetLimitsY(Math.Log10(values.Min()) - 0.08, Math.Log10(values.Max()) + 0.08);
        }

        plot.Axes.Left.SetTicks([.. ticks.Select(Math.Log10)], [.. ticks.Select(format)]);
    }

    private static string FormatMs(double ms) =>
        ms >= 1 ? ms.ToString("0.#", CultureInfo.InvariantCulture) : ms.ToString("0.###", CultureInfo.InvariantCulture);
}
