using System.Globalization;
using Ember.Lab.Reports;
using Ember.Lab.Runner;
using Ember.Lab.Tests.Support;
using SkiaSharp;

namespace Ember.Lab.Tests.Reports;

public sealed class ReportWriterTests
{
    [Fact]
    public async Task WriteAllAsync_SyntheticResults_WritesEveryFileAndTheyAgree()
    {
        // Given a synthetic results set
        var results = SyntheticResults.Create();
        using var temp = new TempDirectory();

        // When every report is written
        var files = await ReportWriter.WriteAllAsync(results, temp.Path, CancellationToken.None);

        // Then every output exists
        foreach (var file in files.All)
        {
            Assert.True(File.Exists(file), $"{file} is missing");
        }

        Assert.Equal(3, files.Charts.Count);
        var keep = Environment.GetEnvironmentVariable("EMBER_LAB_KEEP_REPORT");
        if (!string.IsNullOrEmpty(keep))
        {
            Directory.CreateDirectory(keep);
            foreach (var file in files.All)
            {
                File.Copy(file, Path.Combine(keep, Path.GetFileName(file)), overwrite: true);
            }
        }

        // And the CSV, the JSON and the Markdown hold the same numbers
        var json = JsonResultsWriter.Read(await File.ReadAllTextAsync(files.Json));
        var csv = CsvResultsWriter.Parse(await File.ReadAllTextAsync(files.Csv));
        var markdown = await File.ReadAllTextAsync(files.Markdown);
        var html = await File.ReadAllTextAsync(files.Html);
        Assert.Equal(CsvResultsWriter.Header, csv[0]);
        Assert.Equal(results.Rows.Count + 1, csv.Count);
        var column = csv[0].Select((name, index) => (name, index)).ToDictionary(p => p.name, p => p.index);

        foreach (var row in json.Rows)
        {
            var line = csv.Single(r => r[column["runtime"]] == row.Runtime
                && r[column["payload_events"]] == row.PayloadEvents.ToString(CultureInfo.InvariantCulture)
                && r[column["phase"]] == row.Phase.ToString().ToLowerInvariant());
            Assert.Equal(row.Client.AverageMs, double.Parse(line[column["avg_ms"]], CultureInfo.InvariantCulture));
            Assert.Equal(row.Client.P95Ms, double.Parse(line[column["p95_ms"]], CultureInfo.InvariantCulture));
            Assert.Equal(row.Client.P99Ms, double.Parse(line[column["p99_ms"]], CultureInfo.InvariantCulture));
            Assert.Equal(row.CostPerMillionX86, decimal.Parse(line[column["cost_per_million_x86_64_usd"]], CultureInfo.InvariantCulture));
            Assert.Equal(row.CostPerMillionArm, decimal.Parse(line[column["cost_per_million_arm64_usd"]], CultureInfo.InvariantCulture));

            if (row.Phase == LabPhase.Warm)
            {
                // The Markdown latency row: "| 1,000 | Go | avg | p50 | p95 | p99 | ..."
                var mdRow = $"| {ReportFormat.Events(row.PayloadEvents)} | {row.RuntimeLabel} | {ReportFormat.Ms(row.Client.AverageMs)} | {ReportFormat.Ms(row.Client.P50Ms)} | {ReportFormat.Ms(row.Client.P95Ms)} | {ReportFormat.Ms(row.Client.P99Ms)} |";
                Assert.Contains(mdRow, markdown, StringComparison.Ordinal);
                var costRow = $"| {ReportFormat.Events(row.PayloadEvents)} | {row.RuntimeLabel} | {ReportFormat.Usd(row.CostPerMillionX86)} | {ReportFormat.Usd(row.CostPerMillionArm)} |";
                Assert.Contains(costRow, markdown, StringComparison.Ordinal);
                Assert.Contains($"<td>{ReportFormat.Ms(row.Client.P95Ms)}</td>", html, StringComparison.Ordinal);
            }
        }

        // And the HTML is self-contained, the Markdown links the charts
        Assert.Equal(3, CountOccurrences(html, "data:image/png;base64,"));
        Assert.Contains("](latency-by-size.png)", markdown, StringComparison.Ordinal);
        Assert.Contains("Against the published figures", markdown, StringComparison.Ordinal);

        // And both human reports set local Init beside the published AWS figure, with its source and date
        Assert.Contains("## Init Duration against AWS (published)", markdown, StringComparison.Ordinal);
        Assert.Contains("| C# (Native AOT) | published: .NET 10 AOT |", markdown, StringComparison.Ordinal);
        Assert.Contains("<h2>Init Duration against AWS (published)</h2>", html, StringComparison.Ordinal);
        Assert.Contains("data/2026-08-22.json (generated 2026-08-22)", html, StringComparison.Ordinal);

        // And every chart is a real picture: a PNG, several KB, many colours
        foreach (var chart in files.Charts)
        {
            var bytes = await File.ReadAllBytesAsync(chart.Path);
            Assert.True(bytes.AsSpan().StartsWith(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }), $"{chart.Name} is not a PNG");
            Assert.True(bytes.Length > 20_000, $"{chart.Name} is only {bytes.Length} bytes");
            Assert.True(DistinctColours(bytes) > 8, $"{chart.Name} has too few colours to be a chart");
        }
    }

    [Fact]
    public void OrderingSentence_GoSlowerThanPythonHere_SaysWhyInsteadOfHidingIt()
    {
        // Given synthetic results where Go's per-event cost is above Python's (as measured in one process)
        var results = SyntheticResults.Create();

        // When the published comparison is built
        var table = ReportTables.Published(results);

        // Then it names the sizes where the order differs and gives the reasons
        Assert.NotNull(table);
        Assert.Contains("differs from the published one", table.Caption, StringComparison.Ordinal);
        Assert.Contains("no network", table.Caption, StringComparison.Ordinal);
        Assert.Equal(5, table.Rows.Count);
    }

    private static int CountOccurrences(string text, string value)
    {
        var count = 0;
        for (var index = text.IndexOf(value, StringComparison.Ordinal); index >= 0; index = text.IndexOf(value, index + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static int DistinctColours(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png);
        var colours = new HashSet<uint>();
        for (var y = 0; y < bitmap.Height; y += 3)
        {
            for (var x = 0; x < bitmap.Width; x += 3)
            {
                colours.Add((uint)bitmap.GetPixel(x, y));
            }
        }

        return colours.Count;
    }
}

public sealed class MemorySweepReportTests
{
    [Fact]
    public async Task WriteAllAsync_MemorySweep_AddsTheMemoryChartAndATablePerMemorySize()
    {
        // Given results at three memory sizes
        var results = SyntheticResults.Create(memorySizes: [256, 512, 1769]);
        using var temp = new TempDirectory();

        // When the reports are written
        var files = await ReportWriter.WriteAllAsync(results, temp.Path, CancellationToken.None);

        // Then a fourth chart shows latency against memory, and each memory size has its tables
        Assert.Equal(4, files.Charts.Count);
        Assert.Contains(files.Charts, c => Path.GetFileName(c.Path) == ChartRenderer.MemorySweepFile);
        var keep = Environment.GetEnvironmentVariable("EMBER_LAB_KEEP_REPORT");
        if (!string.IsNullOrEmpty(keep))
        {
            File.Copy(files.Charts[^1].Path, Path.Combine(keep, ChartRenderer.MemorySweepFile), overwrite: true);
        }

        var markdown = await File.ReadAllTextAsync(files.Markdown);
        Assert.Contains("## Latency per payload size and runtime (256 MB)", markdown, StringComparison.Ordinal);
        Assert.Contains("## Cost per million invocations (1769 MB)", markdown, StringComparison.Ordinal);
        Assert.Equal(3 * 5 * 4 * 2, CsvResultsWriter.Parse(await File.ReadAllTextAsync(files.Csv)).Count - 1);
    }
}
