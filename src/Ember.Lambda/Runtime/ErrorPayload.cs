using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Ember.Lambda.Runtime;

/// <summary>
/// The body Lambda expects for a failed invocation or init:
/// <c>{"errorMessage":"…","errorType":"…","stackTrace":["…"]}</c>.
/// </summary>
internal static class ErrorPayload
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The error type Lambda reports: the exception's type name, as the managed .NET runtime does.</summary>
    public static string TypeOf(Exception exception) => exception.GetType().Name;

    public static void Write(Exception exception, IBufferWriter<byte> output)
    {
        using var json = new Utf8JsonWriter(output, Options);
        json.WriteStartObject();
        json.WriteString("errorMessage", exception.Message);
        json.WriteString("errorType", TypeOf(exception));
        json.WriteStartArray("stackTrace");
        foreach (var line in (exception.StackTrace ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            json.WriteStringValue(line);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
