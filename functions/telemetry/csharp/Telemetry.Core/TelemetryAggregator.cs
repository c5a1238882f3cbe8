using System.Buffers;
using System.Diagnostics;

namespace Telemetry.Core;

/// <summary>
/// The telemetry workload: aggregates a burst of events posted to a Function URL, per the contract
/// in docs/telemetry.md (byte-for-byte the same body as the Go and Python implementations).
/// </summary>
public static class TelemetryAggregator
{
    [ThreadStatic]
    private static Workspace? t_workspace;

    /// <summary>
    /// Handles one Function URL event (payload format 2.0, UTF-8 JSON) and writes the whole Function URL
    /// response JSON: <c>{"statusCode":..,"headers":{"content-type":"application/json"},"body":".."}</c>.
    /// Invalid input gives status 400 and <c>{"error":"invalid request","detail":".."}</c>.
    /// </summary>
    /// <returns>The status code written (200 or 400).</returns>
    public static int Handle(ReadOnlySpan<byte> functionUrlEvent, IBufferWriter<byte> output) =>
        Handle(functionUrlEvent, output, out _);

    /// <summary>
    /// <see cref="Handle(ReadOnlySpan{byte}, IBufferWriter{byte})"/>, also giving the headline figures
    /// of a 200 (what the I/O-bound variant stores); <paramref name="summary"/> is default on a 400.
    /// </summary>
    public static int Handle(ReadOnlySpan<byte> functionUrlEvent, IBufferWriter<byte> output, out TelemetrySummary summary)
    {
        summary = default;
        ArgumentNullException.ThrowIfNull(output);
        long started = Stopwatch.GetTimestamp();
        Workspace workspace = t_workspace ??= new Workspace();
        ByteSink body = workspace.Body;
        body.Clear();
        int statusCode;
        try
        {
            ReadOnlySpan<byte> text = workspace.Reader.ReadBody(functionUrlEvent, out bool isEmpty);
            workspace.Batch.Aggregate(isEmpty ? "[]"u8 : text);
            long computeMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            workspace.Batch.WriteResult(body, computeMs);
            summary = new TelemetrySummary(workspace.Batch.TotalEvents, workspace.Batch.Users.Count, workspace.Batch.P95DurationMs);
            statusCode = 200;
        }
        catch (InvalidTelemetryRequestException invalid)
        {
            body.Clear();
            body.Write("{\"error\":\"invalid request\",\"detail\":"u8);
            JsonEscaping.WriteString(System.Text.Encoding.UTF8.GetBytes(invalid.Message), body);
            body.Write((byte)'}');
            statusCode = 400;
        }

        ByteSink envelope = workspace.Envelope;
        envelope.Clear();
        envelope.Write("{\"statusCode\":"u8);
        envelope.Write(statusCode);
        envelope.Write(",\"headers\":{\"content-type\":\"application/json\"},\"body\":"u8);
        JsonEscaping.WriteString(body.WrittenSpan, envelope);
        envelope.Write((byte)'}');
        output.Write(envelope.WrittenSpan);
        return statusCode;
    }

    /// <summary>The headline figures of one aggregation: total events, distinct users, p95 duration.</summary>
    public readonly record struct TelemetrySummary(long TotalEvents, int UniqueUsers, long P95DurationMs);

    private sealed class Workspace
    {
        public FunctionUrlEventReader Reader { get; } = new();

        public TelemetryBatch Batch { get; } = new();

        public ByteSink Body { get; } = new();

        public ByteSink Envelope { get; } = new();
    }
}
