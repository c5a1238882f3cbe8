using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Ember.Host.Logs;

/// <summary>
/// One line of a function's log as a JSON object, whatever format it was written in (<c>ember logs --json</c>): a JSON
/// line as it is; a text platform line (INIT_START, START, END, REPORT, INIT_REPORT) as the platform record Lambda's
/// JSON format has for it (<c>{"type": "platform.report", "record": {…}}</c>, END as <c>platform.end</c>); any other
/// line as <c>{"message": …}</c>.
/// </summary>
internal static class LogLineJson
{
    public static string Convert(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.StartsWith('{'))
        {
            try
            {
                using var _ = JsonDocument.Parse(line);
                return line;
            }
            catch (JsonException)
            {
                // Not JSON after all: a message like any other.
            }
        }
        var (type, fields) = Platform(line);
        return Write(json =>
        {
            if (type is null)
            {
                json.WriteString("message", line);
                return;
            }
            json.WriteString("type", type);
            json.WriteStartObject("record");
            Dictionary<string, double>? metrics = null;
            foreach (var (name, value) in fields)
            {
                if (value.EndsWith(" ms", StringComparison.Ordinal) || value.EndsWith(" MB", StringComparison.Ordinal))
                {
                    metrics ??= [];
                    if (double.TryParse(value[..^3], NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                    {
                        metrics[MetricName(name)] = number;
                    }
                    continue;
                }
                json.WriteString(FieldName(name), value);
            }
            if (metrics is not null)
            {
                json.WriteStartObject("metrics");
                foreach (var (name, number) in metrics)
                {
                    json.WriteNumber(name, number);
                }
                json.WriteEndObject();
            }
            json.WriteEndObject();
        });
    }

    /// <summary>The platform record type of a text line and its fields, or (null, []) for a line that is not one.</summary>
    private static (string? Type, List<(string Name, string Value)> Fields) Platform(string line)
    {
        var fields = new List<(string, string)>();
        string? type = null;
        string rest;
        if (line.StartsWith(ReportLine.StartPrefix, StringComparison.Ordinal))
        {
            type = "platform.start";
            var parts = line[ReportLine.StartPrefix.Length..].Split(" Version: ", 2);
            fields.Add(("RequestId", parts[0]));
            if (parts.Length == 2)
            {
                fields.Add(("Version", parts[1]));
            }
            return (type, fields);
        }
        if (line.StartsWith(ReportLine.EndPrefix, StringComparison.Ordinal))
        {
            fields.Add(("RequestId", line[ReportLine.EndPrefix.Length..]));
            return ("platform.end", fields);
        }
        if (line.StartsWith(ReportLine.ReportPrefix, StringComparison.Ordinal))
        {
            (type, rest) = ("platform.report", line[ReportLine.ReportPrefix.Length..]);
        }
        else if (line.StartsWith(ReportLine.InitStartPrefix, StringComparison.Ordinal))
        {
            (type, rest) = ("platform.initStart", line[ReportLine.InitStartPrefix.Length..]);
        }
        else if (line.StartsWith(ReportLine.InitReportPrefix, StringComparison.Ordinal))
        {
            (type, rest) = ("platform.initReport", line[ReportLine.InitReportPrefix.Length..]);
        }
        else
        {
            return (null, fields);
        }
        foreach (var field in rest.Split('\t', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = field.IndexOf(": ", StringComparison.Ordinal);
            if (colon > 0)
            {
                fields.Add((field[..colon], field[(colon + 2)..]));
            }
        }
        return (type, fields);
    }

    // "Billed Duration" → billedDurationMs, "Max Memory Used" → maxMemoryUsedMB, as Lambda's JSON report names them.
    private static string MetricName(string name) => name switch
    {
        "Memory Size" => "memorySizeMB",
        "Max Memory Used" => "maxMemoryUsedMB",
        _ => FieldName(name) + "Ms",
    };

    // "RequestId" → requestId, "Runtime Version ARN" → runtimeVersionArn, "Error Type" → errorType.
    private static string FieldName(string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var builder = new StringBuilder();
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i].Length > 1 && words[i].All(char.IsUpper) ? words[i][0] + words[i][1..].ToLowerInvariant() : words[i];
            builder.Append(i == 0 ? char.ToLowerInvariant(word[0]) + word[1..] : word);
        }
        return builder.ToString();
    }

    private static string Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
