namespace Ember.Lab.Runner;

/// <summary>
/// The figures of one invocation's REPORT line, as the host recorded them
/// (<c>REPORT RequestId: … Duration: … Billed Duration: … Memory Size: … Max Memory Used: … Init Duration: …</c>).
/// <see cref="InitDurationMs"/> is present only on a cold start; the resident bytes at the end of init only on
/// a cold start on a local host, whose records keep them (a REPORT line has no such field).
/// </summary>
internal sealed record ServerReport(
    string RequestId,
    double DurationMs,
    double BilledDurationMs,
    int MemorySizeMb,
    double MaxMemoryUsedMb,
    double? InitDurationMs,
    long? InitResidentFileBytes = null,
    long? InitResidentAnonymousBytes = null)
{
    /// <summary>The figures of the last REPORT line in a log tail (the Invoke API's <c>X-Amz-Log-Result</c>); null when it has none.</summary>
    public static ServerReport? FromLogTail(string tail)
    {
        ArgumentNullException.ThrowIfNull(tail);
        var lines = tail.Split('\n');
        var line = lines.LastOrDefault(l => l.StartsWith("REPORT ", StringComparison.Ordinal));
        if (line is null)
        {
            // A function logging in Lambda's JSON format reports as a platform.report record instead.
            return lines.Reverse().Select(FromJsonRecord).FirstOrDefault(r => r is not null);
        }
        var fields = line["REPORT ".Length..].Split('\t', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(f => f.Split(": ", 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        double? Number(string name) =>
            fields.TryGetValue(name, out var text)
            && double.TryParse(text.Split(' ')[0], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
                ? value
                : null;
        if (!fields.TryGetValue("RequestId", out var requestId) || Number("Duration") is not { } duration || Number("Billed Duration") is not { } billed
            || Number("Memory Size") is not { } memory || Number("Max Memory Used") is not { } used)
        {
            return null;
        }
        return new ServerReport(requestId, duration, billed, (int)memory, used, Number("Init Duration"));
    }

    /// <summary>The figures of a <c>platform.report</c> record (LoggingConfig LogFormat JSON); null for any other line.</summary>
    private static ServerReport? FromJsonRecord(string line)
    {
        if (!line.StartsWith('{') || !line.Contains("\"platform.report\"", StringComparison.Ordinal))
        {
            return null;
        }
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(line);
            var record = document.RootElement.GetProperty("record");
            var metrics = record.GetProperty("metrics");
            return new ServerReport(
                record.GetProperty("requestId").GetString()!,
                metrics.GetProperty("durationMs").GetDouble(),
                metrics.GetProperty("billedDurationMs").GetDouble(),
                metrics.GetProperty("memorySizeMB").GetInt32(),
                metrics.GetProperty("maxMemoryUsedMB").GetDouble(),
                metrics.TryGetProperty("initDurationMs", out var init) ? init.GetDouble() : null);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }
}
