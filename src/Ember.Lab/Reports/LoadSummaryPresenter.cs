using System.Globalization;
using Ember.Lab.Load;
using Ember.Lab.Statistics;
using Spectre.Console;

namespace Ember.Lab.Reports;

/// <summary>Prints one load run the way <c>hey</c> does (summary, latency distribution, status codes, errors), with exact percentiles.</summary>
internal static class LoadSummaryPresenter
{
    private static readonly double[] Distribution = [10, 25, 50, 75, 90, 95, 99, 99.9];

    public static void Present(LoadOptions options, LoadResult result, IAnsiConsole console)
    {
        var summary = result.Summarize();
        var inv = CultureInfo.InvariantCulture;
        var mode = options.RatePerSecond is { } rate
            ? string.Create(inv, $"open loop at {rate:0.##} requests/s (latency from each request's scheduled time)")
            : string.Create(inv, $"closed loop, {options.Concurrency} at once");
        console.MarkupLine($"[bold]{Markup.Escape(options.Method.Method)} {Markup.Escape(options.Url.ToString())}[/]  {options.Requests} requests, {Markup.Escape(mode)}, body {options.Body.Length} bytes");

        var table = new Table().Border(TableBorder.Rounded).Title("[bold]Summary[/]").AddColumn("Figure").AddColumn(new TableColumn("Value").RightAligned());
        table.AddRow("Total", string.Create(inv, $"{result.Elapsed.TotalSeconds:0.0000} s"));
        table.AddRow("Requests/sec", result.RequestsPerSecond.ToString("0.0", inv));
        table.AddRow("Successful", summary.Count.ToString(inv));
        table.AddRow("Errors", summary.Errors.ToString(inv));
        table.AddRow("Fastest", Ms(summary.MinMs));
        table.AddRow("Average", Ms(summary.AverageMs));
        table.AddRow("Slowest", Ms(summary.MaxMs));
        table.AddRow("p99 − p95", Ms(summary.TailSpreadMs));
        var bytes = result.Samples.Where(s => s.IsSuccess).Select(s => s.ResponseBytes).DefaultIfEmpty(0).Average();
        table.AddRow("Response size (avg)", string.Create(inv, $"{bytes:0} bytes"));
        console.Write(table);

        var latencies = result.Samples.Where(s => s.IsSuccess).Select(s => s.LatencyMs).Order().ToArray();
        var distribution = new Table().Border(TableBorder.Rounded).Title("[bold]Latency distribution (exact, nearest rank)[/]")
            .AddColumn(new TableColumn("Percentile").RightAligned()).AddColumn(new TableColumn("Latency").RightAligned());
        foreach (var percentile in Distribution)
        {
            distribution.AddRow(percentile.ToString("0.#", inv) + "%", latencies.Length == 0 ? "–" : Ms(Percentiles.NearestRank(latencies, percentile)));
        }

        console.Write(distribution);

        var statuses = new Table().Border(TableBorder.Rounded).Title("[bold]Status codes[/]").AddColumn("Status").AddColumn(new TableColumn("Responses").RightAligned());
        foreach (var (status, count) in result.StatusCounts)
        {
            statuses.AddRow(status == 0 ? "no response" : status.ToString(inv), count.ToString(inv));
        }

        console.Write(statuses);

        var errors = result.Samples.Where(s => s.Error is not null).GroupBy(s => s.Error!).OrderByDescending(g => g.Count()).ToArray();
        if (errors.Length > 0)
        {
            console.MarkupLine("[bold red]Errors:[/]");
            foreach (var error in errors)
            {
                console.MarkupLine($"  [red]{error.Count()}[/] × {Markup.Escape(error.Key)}");
            }
        }

        var withIds = result.Samples.Count(s => s.RequestId is not null);
        console.MarkupLine($"[grey]{withIds} of {result.Samples.Count} responses carried an {LoadHttp.RequestIdHeader} header.[/]");
    }

    private static string Ms(double value) => value.ToString("0.000", CultureInfo.InvariantCulture) + " ms";
}
