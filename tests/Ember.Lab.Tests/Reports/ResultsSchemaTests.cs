using System.Globalization;
using Ember.Lab.Reports;
using Ember.Lab.Runner;
using Ember.Lab.Tests.Support;

namespace Ember.Lab.Tests.Reports;

public sealed class ResultsSchemaTests
{
    [Fact]
    public void Csv_Header_IsStable()
    {
        // Tools read these columns by name; a change here is a breaking change: add new columns at the end.
        const string expected =
            "runtime,runtime_label,payload_events,memory_mb,phase,requests,errors,avg_ms,min_ms,p50_ms,p95_ms,p99_ms,max_ms,p99_p95_spread_ms," +
            "cold_start_client_ms,init_duration_ms,init_duration_avg_ms,server_reports,server_duration_avg_ms,server_duration_p95_ms," +
            "billed_duration_avg_ms,max_memory_used_mb,package_size_bytes,cost_per_million_x86_64_usd,cost_per_million_arm64_usd,cost_basis," +
            "published_init_runtime,published_init_memory_mb,published_init_ms,init_minus_published_ms,payload,unzipped_size_bytes,published_first_duration_ms,published_max_memory_used_mb," +
            "init_resident_file_mb,init_resident_anon_mb,aws_estimate_init_ms,aws_estimate_first_duration_ms,aws_estimate_max_memory_used_mb,aws_estimate_basis,handler_compute_avg_ms";

        var csv = CsvResultsWriter.ToCsv(SyntheticResults.Create());

        Assert.Equal(expected, csv[..csv.IndexOf('\n', StringComparison.Ordinal)]);
        Assert.All(CsvResultsWriter.Parse(csv), record => Assert.Equal(CsvResultsWriter.Header.Count, record.Length));
    }

    [Fact]
    public void Csv_FieldWithCommaAndQuote_IsQuotedAndReadsBack()
    {
        var results = SyntheticResults.Create();
        var row = results.Rows[0] with { RuntimeLabel = "C# \"AOT\", trimmed" };
        var csv = CsvResultsWriter.ToCsv(results with { Rows = [row] });

        Assert.Equal("C# \"AOT\", trimmed", CsvResultsWriter.Parse(csv)[1][1]);
    }

    [Fact]
    public void Csv_ColdRow_CarriesThePublishedInitAndTheDifference()
    {
        // Given synthetic results at 512 MB
        var results = SyntheticResults.Create();
        var cold = results.Find("python", 1_000, 512, LabPhase.Cold)!;

        // When written as CSV
        var csv = CsvResultsWriter.Parse(CsvResultsWriter.ToCsv(results));

        // Then the cold row names the published row, its size and figure, and local minus published; the warm row none
        var column = csv[0].Select((name, index) => (name, index)).ToDictionary(p => p.name, p => p.index);
        string[] Line(LabPhase phase) => csv.Single(r => r[column["runtime"]] == "python" && r[column["payload_events"]] == "1000" && r[column["phase"]] == phase.ToString().ToLowerInvariant());
        var line = Line(LabPhase.Cold);
        Assert.Equal("python312", line[column["published_init_runtime"]]);
        Assert.Equal("512", line[column["published_init_memory_mb"]]);
        Assert.Equal(82.967, double.Parse(line[column["published_init_ms"]], CultureInfo.InvariantCulture));
        Assert.Equal(cold.Server.InitDurationAvgMs!.Value - 82.967, double.Parse(line[column["init_minus_published_ms"]], CultureInfo.InvariantCulture));
        Assert.Equal(string.Empty, Line(LabPhase.Warm)[column["published_init_ms"]]);
        Assert.Equal((1.866, 37.0), (double.Parse(line[column["published_first_duration_ms"]], CultureInfo.InvariantCulture),
            double.Parse(line[column["published_max_memory_used_mb"]], CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Json_RoundTrip_KeepsEveryFigure()
    {
        // Given results written to JSON
        var results = SyntheticResults.Create();
        var json = JsonResultsWriter.ToJson(results);

        // When read back and written again
        var back = JsonResultsWriter.Read(json);

        // Then nothing is lost or changed, and the schema names are the documented ones
        Assert.Equal(json, JsonResultsWriter.ToJson(back));
        Assert.Equal(results.Rows.Count, back.Rows.Count);
        Assert.Equal(results.Rows[3].Client, back.Rows[3].Client);
        Assert.Equal(results.Rows[3].CostPerMillionArm, back.Rows[3].CostPerMillionArm);
        Assert.Contains("\"phase\": \"Cold\"", json, StringComparison.Ordinal);
        Assert.Contains("\"p95Ms\":", json, StringComparison.Ordinal);
        Assert.Contains("\"tailSpreadMs\":", json, StringComparison.Ordinal);
        Assert.Contains("\"effectiveDate\": \"2025-08-01\"", json, StringComparison.Ordinal);
        Assert.Contains("\"generatedAt\": \"2026-08-22T14:00:43.227+00:00\"", json, StringComparison.Ordinal);
        Assert.Contains("\"label\": \"published: .NET 10 AOT\"", json, StringComparison.Ordinal);
        Assert.Equal(results.Rows[0].PublishedInit, back.Rows[0].PublishedInit);
        Assert.DoesNotContain("\"warm\":", json, StringComparison.Ordinal);
    }
}
