using System.Buffers;
using System.Text.Json;
using Amazon.Runtime.EventStreams;

namespace Ember.Host.Wire;

/// <summary>
/// InvokeWithResponseStream's answer in the AWS event-stream format (<c>application/vnd.amazon.eventstream</c>),
/// framed by AWSSDK.Core's encoder (prelude, headers, payload, both CRCs): <c>PayloadChunk</c> events with the
/// response's bytes as they come, then one <c>InvokeComplete</c> with <c>ErrorCode</c>, <c>ErrorDetails</c> and <c>LogResult</c>.
/// </summary>
internal static class EventStreamFrames
{
    public const string ContentType = "application/vnd.amazon.eventstream";
    public const string PayloadChunk = "PayloadChunk";
    public const string InvokeComplete = "InvokeComplete";

    public static byte[] Chunk(ReadOnlySpan<byte> payload) => Event(PayloadChunk, "application/octet-stream", payload.ToArray());

    public static byte[] Complete(string? errorCode, string? errorDetails, string? logResult)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (errorCode is not null)
            {
                json.WriteString("ErrorCode", errorCode);
            }
            if (errorDetails is not null)
            {
                json.WriteString("ErrorDetails", errorDetails);
            }
            if (logResult is not null)
            {
                json.WriteString("LogResult", logResult);
            }
            json.WriteEndObject();
        }
        return Event(InvokeComplete, "application/json", buffer.WrittenSpan.ToArray());
    }

    private static byte[] Event(string eventType, string contentType, byte[] payload) =>
        new EventStreamMessage([Header(":event-type", eventType), Header(":content-type", contentType), Header(":message-type", "event")], payload).ToByteArray();

    private static EventStreamHeader Header(string name, string value)
    {
        var header = new EventStreamHeader(name);
        header.SetString(value);
        return header;
    }
}
