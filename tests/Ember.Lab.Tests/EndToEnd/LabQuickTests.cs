using Ember.Tests.Shared;
using System.Diagnostics;
using System.Globalization;
using Ember.Lab.Reports;
using Ember.Lab.Runner;
using Xunit.Abstractions;

namespace Ember.Lab.Tests.EndToEnd;

/// <summary>
/// The README's first command, as a user runs it: `./ember lab --quick` through the launcher, on the
/// real telemetry functions and the real host, with one small size so it stays short. It builds
/// every function and runs the whole lab (minutes on 2 cores), so it is in the Slow set.
/// </summary>
[Trait("Category", "Slow")]
public sealed class LabQuickTests(ITestOutputHelper output)
{
    [Fact]
    public async Task LabHelp_ListsEveryOptionAndAMisspeltOneIsAnError()
    {
        var root = RepositoryRoot.Find();

        var help = await ProcessRunner.RunAsync(Path.Combine(root, "ember"), ["lab", "--help"], TimeSpan.FromMinutes(10), workingDirectory: root);
        var misspelt = await ProcessRunner.RunAsync(Path.Combine(root, "ember"), ["lab", "--quik"], TimeSpan.FromMinutes(2), workingDirectory: root);

        Assert.Equal(0, help.ExitCode);
        foreach (var option in new[] { "--quick", "--runtimes <LIST>", "--sizes <LIST>", "--memory <MB|LIST>", "--cold <N>", "-n <N>", "-c <N>", "--rounds <N>",
            "--warmup <N>", "--baseline <RUNTIME>", "--url <NAME=URL>", "--scenario <io|canary>", "--burst <N:C>", "--reserved <R>", "--provisioned <N>",
            "--out <DIR>", "--function <NAME>", "--payload <FILE>", "--endpoint <URL>", "--profile <P>", "--region <R>", "--template <PATH>" })
        {
            Assert.Contains("  " + option + " ", help.Output);
        }
        Assert.Contains("(default 10; --quick 3)", help.Output);
        Assert.Equal(2, misspelt.ExitCode);
        Assert.Contains("--quik", misspelt.Output);
    }

    [Fact]
    public async Task LabQuick_OneSmallSize_WritesEveryFileAndTheyAgree()
    {
        var root = RepositoryRoot.Find();
        using var temp = new TempDirectory("ember-lab-e2e-");
        var outDir = temp.Path;

        var run = await ProcessRunner.RunAsync(Path.Combine(root, "ember"), ["lab", "--quick", "--sizes", "100", "--out", outDir],
            TimeSpan.FromMinutes(15), workingDirectory: root);
        output.WriteLine(run.Output);
        Assert.True(run.ExitCode == 0, $"ember lab exited {run.ExitCode}");

        foreach (var file in new[] { "report.md", "report.html", "results.csv", "results.json" })
        {
            Assert.True(new FileInfo(Path.Combine(outDir, file)).Length > 200, $"{file} is missing or empty");
        }
        var charts = Directory.GetFiles(outDir, "*.png");
        Assert.True(charts.Length >= 3, "expected the init-duration, latency and cost charts");
        Assert.All(charts, chart =>
        {
            var bytes = File.ReadAllBytes(chart);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
            Assert.True(bytes.Length > 10_000, $"{Path.GetFileName(chart)} looks trivial ({bytes.Length} bytes)");
        });

        // The three renderings carry the same numbers.
        var results = JsonResultsWriter.Read(File.ReadAllText(Path.Combine(outDir, "results.json")));
        var csv = CsvResultsWriter.Parse(File.ReadAllText(Path.Combine(outDir, "results.csv")));
        var header = csv[0].ToList();
        Assert.Equal(results.Rows.Count, csv.Count - 1);
        var measured = results.Rows.Select(r => r.Runtime).Distinct().ToList();
        Assert.Contains("python", measured);
        Assert.Contains("csharp-aot", measured);
        foreach (var row in results.Rows)
        {
            var line = csv.Skip(1).Single(c => c[header.IndexOf("runtime")] == row.Runtime && c[header.IndexOf("phase")] == row.Phase.ToString().ToLowerInvariant());
            Assert.Equal(row.Client.Count + row.Client.Errors, int.Parse(line[header.IndexOf("requests")], CultureInfo.InvariantCulture));
            Assert.Equal(row.Client.P95Ms, double.Parse(line[header.IndexOf("p95_ms")], CultureInfo.InvariantCulture), 6);
            Assert.Equal(0, row.Client.Errors);
            Assert.True(row.Server.Reports > 0, $"{row.Runtime} {row.Phase}: no REPORT matched by request id");
        }
        var markdown = File.ReadAllText(Path.Combine(outDir, "report.md"));
        var python = results.Find("python", 100, results.Rows[0].MemoryMb, LabPhase.Warm)!;
        Assert.Contains(ReportFormat.Ms(python.Client.AverageMs), markdown);
    }
}
