using System.Buffers;
using System.Text;
using Ember.Lab.Payloads;
using Telemetry.Core;

namespace Ember.Telemetry.Tests;

public sealed class TelemetryAggregatorTests
{
    private static string Handle(string functionUrlEvent, out int statusCode)
    {
        var output = new ArrayBufferWriter<byte>();
        statusCode = TelemetryAggregator.Handle(Encoding.UTF8.GetBytes(functionUrlEvent), output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    [Fact]
    public void Handle_ContractExample_WritesExactResponseBytes()
    {
        // Given the contract's own example
        const string body = """[{"endpoint":"/a","status":200,"duration_ms":5,"user_id":"u1"},{"endpoint":"/b","status":500,"duration_ms":9}]""";
        string functionUrlEvent = Encoding.UTF8.GetString(PayloadGenerator.ToFunctionUrlEvent(Encoding.UTF8.GetBytes(body)));

        // When
        string response = Handle(functionUrlEvent, out int statusCode);

        // Then (compute_ms varies, so it is cut out before comparing the rest byte for byte)
        Assert.Equal(200, statusCode);
        string withoutTime = System.Text.RegularExpressions.Regex.Replace(response, """compute_ms\\":\d+""", """compute_ms\":0""");
        Assert.Equal(
            """{"statusCode":200,"headers":{"content-type":"application/json"},"body":"{\"total_events\":2,\"unique_users\":1,\"p95_duration_ms\":5,\"top_endpoints\":[[\"/a\",1],[\"/b\",1]],\"status_counts\":{\"200\":1,\"500\":1},\"compute_ms\":0,\"language\":\"csharp\"}"}""",
            withoutTime);
    }

    [Fact]
    public void Handle_InvalidJson_Writes400WithErrorAndDetail()
    {
        string response = Handle("""{"body":"[1,"}""", out int statusCode);

        Assert.Equal(400, statusCode);
        Assert.StartsWith(""""{"statusCode":400,"headers":{"content-type":"application/json"},"body":"{\"error\":\"invalid request\",\"detail\":\"""", response);
    }

    [Fact]
    public void Handle_CalledTwice_DoesNotCarryStateOver()
    {
        Handle("""{"body":"[{\"endpoint\":\"/a\",\"user_id\":\"x\",\"duration_ms\":5000}]"}""", out _);

        string second = Handle("""{"body":"[{\"endpoint\":\"/b\"}]"}""", out _);

        Assert.Contains("""\"unique_users\":0,\"p95_duration_ms\":0,\"top_endpoints\":[[\"/b\",1]]""", second);
    }

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("q\"b\\", "\"q\\\"b\\\\\"")]
    [InlineData("\b\t\n\f\r\u0001\u001f\u007f", "\"\\b\\t\\n\\f\\r\\u0001\\u001f\u007f\"")]
    [InlineData("\u2028\u2029\u2027é😀<>&+'", "\"\\u2028\\u2029\u2027é😀<>&+'\"")]
    public void WriteString_ContractEscaping_EscapesMinimally(string value, string expected)
    {
        var sink = new ByteSink();

        JsonEscaping.WriteString(Encoding.UTF8.GetBytes(value), sink);

        Assert.Equal(expected, Encoding.UTF8.GetString(sink.WrittenSpan));
    }
}
