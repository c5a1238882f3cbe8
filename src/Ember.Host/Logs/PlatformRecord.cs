using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Ember.Host.Wire;

namespace Ember.Host.Logs;

/// <summary>
/// The platform's log records in Lambda's JSON log format (LoggingConfig LogFormat JSON): one JSON object a line,
/// <c>{"time": …, "type": "platform.start", "record": {…}}</c>, for initStart, initReport, start and report (with its
/// <c>metrics</c>: durationMs, billedDurationMs, memorySizeMB, maxMemoryUsedMB, initDurationMs).
/// </summary>
internal static class PlatformRecord
{
    public static string InitStart(string runtimeVersion, string runtimeVersionArn) => Write("platform.initStart", json =>
    {
        json.WriteString("initializationType", ControlPlaneValues.OnDemand);
        json.WriteString("phase", ReportValues.PhaseInit);
        json.WriteString("runtimeVersion", runtimeVersion);
        json.WriteString("runtimeVersionArn", runtimeVersionArn);
    });

    public static string InitReport(double durationMs, string phase, string status, string? errorType) => Write("platform.initReport", json =>
    {
        json.WriteString("initializationType", ControlPlaneValues.OnDemand);
        json.WriteString("phase", phase);
        json.WriteString("status", status);
        if (errorType is not null)
        {
            json.WriteString("errorType", errorType);
        }
        json.WriteStartObject("metrics");
        json.WriteNumber("durationMs", Math.Round(durationMs, 3));
        json.WriteEndObject();
    });

    public static string Start(string requestId, string version) => Write("platform.start", json =>
    {
        json.WriteString("requestId", requestId);
        json.WriteString("version", version);
    });

    public static string Report(string requestId, double durationMs, long billedMs, int memorySizeMb, long maxMemoryUsedMb, double? initDurationMs,
        string? status, string? errorType) => Write("platform.report", json =>
    {
        json.WriteString("requestId", requestId);
        json.WriteStartObject("metrics");
        json.WriteNumber("durationMs", Math.Round(durationMs, 3));
        json.WriteNumber("billedDurationMs", billedMs);
        json.WriteNumber("memorySizeMB", memorySizeMb);
        json.WriteNumber("maxMemoryUsedMB", maxMemoryUsedMb);
        if (initDurationMs is { } init)
        {
            json.WriteNumber("initDurationMs", Math.Round(init, 3));
        }
        json.WriteEndObject();
        json.WriteString("status", status ?? "success");
        if (errorType is not null)
        {
            json.WriteString("errorType", errorType);
        }
    });

    private static string Write(string type, Action<Utf8JsonWriter> record)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("time", DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            json.WriteString("type", type);
            json.WriteStartObject("record");
            record(json);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
