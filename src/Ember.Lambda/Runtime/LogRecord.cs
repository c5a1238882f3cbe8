using System.Text.Json.Serialization;

namespace Ember.Lambda.Runtime;

/// <summary>One log line in Lambda's JSON log format (AWS_LAMBDA_LOG_FORMAT=JSON).</summary>
internal sealed record LogRecord(
    [property: JsonPropertyName("timestamp")] string Timestamp,
    [property: JsonPropertyName("level")] string Level,
    [property: JsonPropertyName("requestId")] string RequestId,
    [property: JsonPropertyName("message")] string Message);

[JsonSerializable(typeof(LogRecord))]
internal sealed partial class LogRecordJsonContext : JsonSerializerContext;
