using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Ember.Host.Wire;

namespace Ember.Host.Invocations;

/// <summary>
/// The invocation record Lambda sends to an asynchronous invocation's destination: <c>version</c>, <c>timestamp</c>,
/// <c>requestContext</c> (<c>requestId</c>, <c>functionArn</c>, <c>condition</c>, <c>approximateInvokeCount</c>),
/// <c>requestPayload</c>, and, when an attempt ran, <c>responseContext</c> (<c>statusCode</c>, <c>executedVersion</c>,
/// <c>functionError</c>) and <c>responsePayload</c>. Payloads that are JSON are embedded as JSON, others as strings.
/// </summary>
internal static class DestinationRecord
{
    public const string Success = "Success";
    public const string RetriesExhausted = "RetriesExhausted";
    public const string EventAgeExceeded = "EventAgeExceeded";

    public static byte[] Build(StoredEvent stored, string functionArn, string condition, DateTimeOffset timestamp, InvokeResult? last)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("version", "1.0");
            json.WriteString("timestamp", timestamp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            json.WriteStartObject("requestContext");
            json.WriteString("requestId", stored.RequestId);
            json.WriteString("functionArn", functionArn);
            json.WriteString("condition", condition);
            json.WriteNumber("approximateInvokeCount", stored.Attempts);
            json.WriteEndObject();
            json.WritePropertyName("requestPayload");
            WritePayload(json, stored.Payload);
            if (last?.Outcome is { } outcome)
            {
                json.WriteStartObject("responseContext");
                json.WriteNumber("statusCode", 200);
                json.WriteString("executedVersion", last.ExecutedVersion);
                if (outcome.IsError)
                {
                    json.WriteString("functionError", InvokeApiHeaders.Unhandled);
                }
                json.WriteEndObject();
                json.WritePropertyName("responsePayload");
                WritePayload(json, outcome.Body.Span);
            }
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WritePayload(Utf8JsonWriter json, ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty)
        {
            json.WriteNullValue();
            return;
        }
        try
        {
            var reader = new Utf8JsonReader(payload);
            using var document = JsonDocument.ParseValue(ref reader);
            document.RootElement.WriteTo(json);
        }
        catch (JsonException)
        {
            json.WriteStringValue(System.Text.Encoding.UTF8.GetString(payload));
        }
    }
}
