using System.Buffers;
using System.IO.Pipelines;

namespace Ember.Host.Invocations;

/// <summary>
/// A response the runtime streams (<c>Lambda-Runtime-Function-Response-Mode: streaming</c>, chunked): its content
/// type, and its body as it arrives, chunk by chunk, for a front door to relay (<see cref="Invocation.OnStream"/>).
/// As on Lambda, the first 6 MB go at full speed and the rest at 2 MB/s at most, and a streamed response is cut after
/// <see cref="LimitBytes"/>; what the runtime sends past it is read and dropped.
/// A failure the runtime reports mid-stream comes in the trailers, known once the body has ended.
/// </summary>
internal sealed class ResponseStream(string? contentType, PipeReader body, Func<IReadOnlyDictionary<string, string>?> trailers)
{
    /// <summary>Lambda's limit on a streamed response: 200 MB (raised from 20 MB in 2025).</summary>
    public const long LimitBytes = 200L * 1024 * 1024;

    /// <summary>Lambda streams the first 6 MB of a response at full speed, the rest at <see cref="CappedBytesPerSecond"/> at most.</summary>
    public const long UncappedBytes = 6L * 1024 * 1024;

    /// <summary>Lambda's bandwidth cap after the first 6 MB: 2 MB/s.</summary>
    public const long CappedBytesPerSecond = 2L * 1024 * 1024;

    /// <summary>What the runtime said its stream is (<c>application/vnd.awslambda.http-integration-response</c> for an HTTP response with a prelude).</summary>
    public string? ContentType { get; } = contentType;

    /// <summary>The body so far; a reader consumes it once.</summary>
    public PipeReader Body { get; } = body;

    /// <summary>Bytes handed on so far.</summary>
    public long BytesRelayed { get; private set; }

    /// <summary>True once the stream went past <see cref="LimitBytes"/> and the rest was dropped.</summary>
    public bool Truncated { get; private set; }

    /// <summary>The version that runs the invocation (X-Amz-Executed-Version), set by the environment.</summary>
    public string ExecutedVersion { get; set; } = Wire.ControlPlaneValues.Latest;

    /// <summary>True when the runtime's body broke off (the connection ended, or the chunked encoding was malformed).</summary>
    public bool Cut { get; private set; }

    /// <summary>The trailers, once the body has ended.</summary>
    public IReadOnlyDictionary<string, string>? Trailers => trailers();

    /// <summary>
    /// Copies the body to <paramref name="write"/> as it arrives (each piece flushed by the writer), up to the limit.
    /// Returns when the runtime ends the body or <paramref name="cancellationToken"/> fires.
    /// </summary>
    public async Task RelayAsync(Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> write, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await Body.ReadAsync(cancellationToken).ConfigureAwait(false);
            foreach (var segment in result.Buffer)
            {
                var room = LimitBytes - BytesRelayed;
                if (room <= 0)
                {
                    Truncated = true;
                    break;
                }
                var piece = segment.Length <= room ? segment : segment[..(int)room];
                await PaceAsync(piece.Length, cancellationToken).ConfigureAwait(false);
                await write(piece, cancellationToken).ConfigureAwait(false);
                BytesRelayed += piece.Length;
            }
            Body.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                return;
            }
        }
    }

    private long _cappedSince;

    /// <summary>Past the first 6 MB, waits as long as Lambda's 2 MB/s cap would make the next <paramref name="bytes"/> wait.</summary>
    private async Task PaceAsync(int bytes, CancellationToken cancellationToken)
    {
        var after = BytesRelayed + bytes - UncappedBytes;
        if (after <= 0)
        {
            return;
        }
        if (_cappedSince == 0)
        {
            _cappedSince = System.Diagnostics.Stopwatch.GetTimestamp();
        }
        var due = TimeSpan.FromSeconds((double)after / CappedBytesPerSecond) - System.Diagnostics.Stopwatch.GetElapsedTime(_cappedSince);
        if (due > TimeSpan.Zero)
        {
            await Task.Delay(due, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Reads the whole body into memory, up to <paramref name="limit"/> bytes; null when it is longer (the rest is read and
    /// dropped) or broke off (<see cref="Cut"/>).
    /// </summary>
    public async Task<byte[]?> ReadAllAsync(long limit)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var tooLong = false;
        try
        {
            while (true)
            {
                var result = await Body.ReadAsync().ConfigureAwait(false);
                if (!tooLong && buffer.WrittenCount + result.Buffer.Length <= limit)
                {
                    foreach (var segment in result.Buffer)
                    {
                        buffer.Write(segment.Span);
                    }
                }
                else
                {
                    tooLong = true;
                }
                Body.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                {
                    return tooLong ? null : buffer.WrittenSpan.ToArray();
                }
            }
        }
        catch (IOException)
        {
            Cut = true;
            return null;
        }
    }

    /// <summary>Reads and drops what is left of the body, so that the trailers arrive (or notes that it broke off).</summary>
    public async Task DrainAsync()
    {
        try
        {
            while (true)
            {
                var result = await Body.ReadAsync().ConfigureAwait(false);
                Body.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                {
                    return;
                }
            }
        }
        catch (IOException)
        {
            Cut = true;
        }
        catch (InvalidOperationException)
        {
            // The reader was completed by its consumer: the server drains the connection itself.
        }
    }
}
