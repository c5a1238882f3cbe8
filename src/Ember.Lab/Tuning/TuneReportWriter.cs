using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ScottPlot;

namespace Ember.Lab.Tuning;

/// <summary>Writes a power-tuning run as tune.json, tune.md, tune.html and tune.png (cost and Duration against memory, two axes).</summary>
internal static class TuneReportWriter
{
    // Readable text as written (an apostrophe stays one), in the context's camelCase and indentation.
    private static readonly TuneJsonContext s_json = new(new JsonSerializerOptions(TuneJsonContext.Default.Options)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static IReadOnlyList<string> WriteAll(TuneResult result, string directory)
    {
        Directory.CreateDirectory(directory);
        var json = Path.Combine(directory, "tune.json");
        var markdown = Path.Combine(directory, "tune.md");
        var html = Path.Combine(directory, "tune.html");
        var chart = Path.Combine(directory, "tune.png");
        File.WriteAllText(json, JsonSerializer.Serialize(result, s_json.TuneResult));
        var hasChart = result.Points.Any(p => p.Invocations > 0);
        if (hasChart)
        {
            RenderChart(result, chart);
        }
        File.WriteAllText(markdown, Markdown(result, hasChart ? "tune.png" : null));
        File.WriteAllText(html, Html(result, hasChart ? "tune.png" : null));
        return hasChart ? [json, markdown, html, chart] : [json, markdown, html];
    }

    public static string Markdown(TuneResult result, string? chart)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Power tuning: {result.Function} ({result.Runtime})");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Event `{result.Payload}`, {result.StartedAt:yyyy-MM-dd HH:mm zzz}; {result.Machine}; prices {result.Prices}.");
        md.AppendLine();
        md.AppendLine("| Memory (MB) | vCPUs on Lambda | Warm invocations | Avg Duration (ms) | p95 Duration (ms) | Avg Billed (ms) | Max Memory Used (MB) | Avg Init (ms) | $ per million, x86_64 | $ per million, arm64 | Errors |");
        md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var p in result.Points)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {p.MemoryMb:N0}{(p.BeyondThisMachine ? " †" : "")} | {p.LambdaVcpus:0.##} | {p.Invocations} | {p.AvgDurationMs:N2} | {p.P95DurationMs:N2} | {p.AvgBilledMs:N1} | {p.MaxMemoryUsedMb} | {(p.AvgInitDurationMs is { } i ? i.ToString("N1", CultureInfo.InvariantCulture) : "–")} | {p.CostPerMillionUsd.X86_64:0.0000} | {p.CostPerMillionUsd.Arm64:0.0000} | {p.Errors} |");
        }
        md.AppendLine();
        var r = result.Recommendation;
        md.AppendLine(CultureInfo.InvariantCulture, $"- **Cheapest:** {Size(r.Cheapest)}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- **Fastest:** {Size(r.Fastest)}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- **Balanced:** {Size(r.Balanced)}: {r.BalancedDefinition}.");
        md.AppendLine();
        foreach (var note in result.Notes)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- {note}");
        }
        if (chart is not null)
        {
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"![Cost and Duration against memory]({chart})");
        }
        return md.ToString();
    }

    private static string Size(int? memoryMb) => memoryMb is { } m ? string.Create(CultureInfo.InvariantCulture, $"{m:N0} MB") : "none (every size had errors)";

    private static string Html(TuneResult result, string? chart)
    {
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Power tuning: " + WebUtility.HtmlEncode(result.Function) + "</title>");
        html.AppendLine("<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}th{background:#f4f4f4}</style></head><body>");
        html.AppendLine(CultureInfo.InvariantCulture, $"<h1>Power tuning: {WebUtility.HtmlEncode(result.Function)} ({WebUtility.HtmlEncode(result.Runtime)})</h1>");
        html.AppendLine(CultureInfo.InvariantCulture, $"<p>Event <code>{WebUtility.HtmlEncode(result.Payload)}</code>; {WebUtility.HtmlEncode(result.Machine)}; prices {WebUtility.HtmlEncode(result.Prices)}.</p>");
        html.AppendLine("<table><tr><th>Memory (MB)</th><th>vCPUs on Lambda</th><th>Warm invocations</th><th>Avg Duration (ms)</th><th>p95 Duration (ms)</th><th>Avg Billed (ms)</th><th>Max Memory Used (MB)</th><th>Avg Init (ms)</th><th>$ per million, x86_64</th><th>$ per million, arm64</th><th>Errors</th></tr>");
        foreach (var p in result.Points)
        {
            html.AppendLine(CultureInfo.InvariantCulture,
                $"<tr><td>{p.MemoryMb:N0}{(p.BeyondThisMachine ? " †" : "")}</td><td>{p.LambdaVcpus:0.##}</td><td>{p.Invocations}</td><td>{p.AvgDurationMs:N2}</td><td>{p.P95DurationMs:N2}</td><td>{p.AvgBilledMs:N1}</td><td>{p.MaxMemoryUsedMb}</td><td>{(p.AvgInitDurationMs is { } i ? i.ToString("N1", CultureInfo.InvariantCulture) : "–")}</td><td>{p.CostPerMillionUsd.X86_64:0.0000}</td><td>{p.CostPerMillionUsd.Arm64:0.0000}</td><td>{p.Errors}</td></tr>");
        }
        html.AppendLine("</table>");
        var r = result.Recommendation;
        html.AppendLine(CultureInfo.InvariantCulture, $"<ul><li><b>Cheapest:</b> {Size(r.Cheapest)}</li><li><b>Fastest:</b> {Size(r.Fastest)}</li><li><b>Balanced:</b> {Size(r.Balanced)}: {WebUtility.HtmlEncode(r.BalancedDefinition)}.</li></ul>");
        html.AppendLine("<ul>" + string.Concat(result.Notes.Select(n => "<li>" + WebUtility.HtmlEncode(n) + "</li>")) + "</ul>");
        if (chart is not null)
        {
            html.AppendLine(CultureInfo.InvariantCulture, $"<img src=\"{chart}\" alt=\"Cost and Duration against memory\" width=\"1000\">");
        }
        html.AppendLine("</body></html>");
        return html.ToString();
    }

    /// <summary>Average Duration (left axis) and x86_64 cost per million (right axis) against memory, as Power Tuning draws them.</summary>
    private static void RenderChart(TuneResult result, string path)
    {
        var points = result.Points.Where(p => p.Invocations > 0).OrderBy(p => p.MemoryMb).ToArray();
        var plot = new Plot();
        var xs = Enumerable.Range(0, points.Length).Select(i => (double)i).ToArray();
        var duration = plot.Add.Scatter(xs, points.Select(p => p.AvgDurationMs).ToArray());
        duration.LegendText = "Average Duration (ms)";
        duration.LineWidth = 2.5f;
        duration.MarkerSize = 8;
        duration.Color = Colors.Red;
        var costs = plot.Add.Scatter(xs, points.Select(p => (double)p.CostPerMillionUsd.X86_64).ToArray());
        costs.LegendText = "Cost per million invocations, x86_64 (USD)";
        costs.LineWidth = 2.5f;
        costs.MarkerSize = 8;
        costs.Color = Colors.Blue;
        costs.Axes.YAxis = plot.Axes.Right;
        plot.Axes.Bottom.SetTicks(xs, [.. points.Select(p => p.MemoryMb.ToString("N0", CultureInfo.InvariantCulture) + (p.BeyondThisMachine ? " †" : ""))]);
        plot.Axes.SetLimitsX(-0.4, points.Length - 0.6);
        plot.Axes.Left.Label.Text = "Average Duration (ms)";
        plot.Axes.Right.Label.Text = "USD per million invocations (x86_64)";
        plot.XLabel("Memory size (MB)");
        plot.Title($"Power tuning: {result.Function}, event {result.Payload}");
        plot.ShowLegend(Alignment.UpperCenter);
        plot.SavePng(path, 1100, 600);
    }
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(TuneResult))]
internal sealed partial class TuneJsonContext : JsonSerializerContext;
