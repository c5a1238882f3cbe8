using System.Globalization;
using System.Text;

namespace Ember.Lab.Reports;

/// <summary>
/// <c>results.csv</c>: one row per runtime × payload size × memory size × phase, every figure, numbers in
/// invariant culture at full precision. The header is stable: columns are only ever added at the end.
/// Lists of samples are joined with <c>;</c> inside one field. <c>payload</c> names the payload: its
/// event count, or, for the user's own event files, the file (then <c>payload_events</c> is its place in the list).
/// </summary>
internal static class CsvResultsWriter
{
    public static IReadOnlyList<string> Header { get; } =
    [
        "runtime", "runtime_label", "payload_events", "memory_mb", "phase",
        "requests", "errors", "avg_ms", "min_ms", "p50_ms", "p95_ms", "p99_ms", "max_ms", "p99_p95_spread_ms",
        "cold_start_client_ms", "init_duration_ms", "init_duration_avg_ms",
        "server_reports", "server_duration_avg_ms", "server_duration_p95_ms", "billed_duration_avg_ms", "max_memory_used_mb",
        "package_size_bytes", "cost_per_million_x86_64_usd", "cost_per_million_arm64_usd", "cost_basis",
        "published_init_runtime", "published_init_memory_mb", "published_init_ms", "init_minus_published_ms",
        "payload", "unzipped_size_bytes", "published_first_duration_ms", "published_max_memory_used_mb",
        "init_resident_file_mb", "init_resident_anon_mb",
        "aws_estimate_init_ms", "aws_estimate_first_duration_ms", "aws_estimate_max_memory_used_mb", "aws_estimate_basis",
        "handler_compute_avg_ms",
    ];

    public static void Write(LabResults results, TextWriter writer)
    {
        writer.Write(string.Join(',', Header));
        writer.Write('\n');
        foreach (var row in results.Rows)
        {
            var published = row.PublishedInit;
            string[] fields =
            [
                row.Runtime,
                row.RuntimeLabel,
                Int(row.PayloadEvents),
                Int(row.MemoryMb),
                row.Phase.ToString().ToLowerInvariant(),
                Int(row.Client.Count),
                Int(row.Client.Errors),
                Num(row.Client.AverageMs),
                Num(row.Client.MinMs),
                Num(row.Client.P50Ms),
                Num(row.Client.P95Ms),
                Num(row.Client.P99Ms),
                Num(row.Client.MaxMs),
                Num(row.Client.TailSpreadMs),
                string.Join(';', row.ColdStartClientMs.Select(Num)),
                string.Join(';', row.InitDurationMs.Select(Num)),
                row.Server.InitDurationAvgMs is { } init ? Num(init) : string.Empty,
                Int(row.Server.Reports),
                Num(row.Server.DurationAvgMs),
                Num(row.Server.DurationP95Ms),
                Num(row.Server.BilledDurationAvgMs),
                Num(row.Server.MaxMemoryUsedMb),
                row.PackageSizeBytes?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
                Money(row.CostPerMillionX86),
                Money(row.CostPerMillionArm),
                row.CostBasis,
                published?.Runtime ?? string.Empty,
                published is null ? string.Empty : Int(published.MemoryMb),
                published is null ? string.Empty : Num(published.InitMs),
                published is not null && row.Server.InitDurationAvgMs is { } local ? Num(local - published.InitMs) : string.Empty,
                results.PayloadLabel(row.PayloadEvents),
                row.UnzippedSizeBytes?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
                published?.FirstDurationMs is { } first ? Num(first) : string.Empty,
                published is null ? string.Empty : Num(published.MaxMemoryUsedMb),
                row.Server.InitResidentFileMb is { } file ? Num(file) : string.Empty,
                row.Server.InitResidentAnonymousMb is { } anonymous ? Num(anonymous) : string.Empty,
                row.AwsEstimate is { } estimate ? Num(estimate.InitMs) : string.Empty,
                row.AwsEstimate is { } e1 ? Num(e1.FirstDurationMs) : string.Empty,
                row.AwsEstimate is { } e2 ? Num(e2.MaxMemoryUsedMb) : string.Empty,
                row.AwsEstimate?.Basis ?? string.Empty,
                row.HandlerComputeAvgMs is { } compute ? Num(compute) : string.Empty,
            ];
            writer.Write(string.Join(',', fields.Select(Escape)));
            writer.Write('\n');
        }
    }

    public static string ToCsv(LabResults results)
    {
        var builder = new StringWriter(CultureInfo.InvariantCulture);
        Write(results, builder);
        return builder.ToString();
    }

    /// <summary>Splits CSV text into records of fields (RFC 4180 quoting), for tests and tools reading the file back.</summary>
    public static List<string[]> Parse(string csv)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                records.Add([.. fields]);
                fields.Clear();
            }
            else if (c != '\r')
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add([.. fields]);
        }

        return records;
    }

    // Every significant digit of the decimal, without the trailing zeros its scale would print.
    private static string Money(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    // "R" keeps every digit, so the CSV and the JSON hold the same number.
    private static string Num(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Escape(string field) =>
        field.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
