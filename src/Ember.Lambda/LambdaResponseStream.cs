using System.Buffers;
using System.Text.Json;
using Ember.Lambda.RuntimeApi;

namespace Ember.Lambda;

/// <summary>
/// A response streamed to the caller as it is written (Lambda's response streaming): every write goes out at once, as a
/// chunk of the Runtime API's streamed response, so a RESPONSE_STREAM Function URL or InvokeWithResponseStream
/// caller sees it before the handler returns. For a Function URL, call <see cref="StartHttpResponse"/> first to set
/// the status, headers and cookies; without it the caller gets 200 with <c>application/octet-stream</c>.
/// Lambda cuts a stream after 20 MB. An exception from the handler after the first write ends the stream with that
/// error (the caller sees the stream fail); before it, the invocation fails as any other.
/// </summary>
public sealed class LambdaResponseStream : Stream
{
    private readonly RuntimeApiClient _client;
    private readonly string _requestId;
    private long _written;

    internal LambdaResponseStream(RuntimeApiClient client, string requestId)
    {
        _client = client;
        _requestId = requestId;
    }

    /// <summary>True once anything (a prelude or a byte of body) has been sent.</summary>
    public bool HasStarted { get; private set; }

    /// <summary>
    /// Starts an HTTP response for a Function URL (or API): the prelude with <paramref name="statusCode"/>,
    /// <paramref name="headers"/> and <paramref name="cookies"/>, sent before any of the body.
    /// </summary>
    /// <exception cref="InvalidOperationException">Something was already written.</exception>
    public void StartHttpResponse(int statusCode, IEnumerable<KeyValuePair<string, string>>? headers = null, IEnumerable<string>? cookies = null)
    {
        if (HasStarted)
        {
            throw new InvalidOperationException("StartHttpResponse must come before anything is written to the response stream.");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        var prelude = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(prelude))
        {
            json.WriteStartObject();
            json.WriteNumber("statusCode", statusCode);
            json.WriteStartObject("headers");
            foreach (var (name, value) in headers ?? [])
            {
                json.WriteString(name, value);
            }
            json.WriteEndObject();
            json.WriteStartArray("cookies");
            foreach (var cookie in cookies ?? [])
            {
                json.WriteStringValue(cookie);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        prelude.Write(stackalloc byte[8]);
        Begin(RuntimeApiWire.HttpIntegrationContentType);
        _client.SendChunk(prelude.WrittenSpan);
    }

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (!HasStarted)
        {
            Begin(RuntimeApiWire.OctetStreamContentType);
        }
        _client.SendChunk(buffer);
        _written += buffer.Length;
    }

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Nothing to do: every write is sent when it is made.</summary>
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public override bool CanRead => false;
    /// <inheritdoc />
    public override bool CanSeek => false;
    /// <inheritdoc />
    public override bool CanWrite => true;
    /// <inheritdoc />
    public override long Length => throw new NotSupportedException("A response stream has no length.");

    /// <inheritdoc />
    public override long Position
    {
        get => _written;
        set => throw new NotSupportedException("A response stream cannot seek.");
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("A response stream is written, not read.");
    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("A response stream cannot seek.");
    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException("A response stream has no length.");

    /// <summary>Ends the stream (starting an empty one when nothing was written).</summary>
    internal void Complete()
    {
        if (!HasStarted)
        {
            Begin(RuntimeApiWire.OctetStreamContentType);
        }
        _client.EndStream(_requestId, default, null);
    }

    /// <summary>Ends a started stream with the handler's error in the trailers.</summary>
    internal void Fail(ReadOnlySpan<byte> errorJson, string errorType) => _client.EndStream(_requestId, errorJson, errorType);

    private void Begin(string contentType)
    {
        _client.BeginStream(_requestId, contentType);
        HasStarted = true;
    }
}

/// <summary>A function that reads the event from a stream and streams its response as it produces it.</summary>
/// <param name="input">A read-only stream over the event. Valid only until the returned task completes.</param>
/// <param name="output">The response, sent to the caller as it is written.</param>
/// <param name="context">The invocation's context.</param>
public delegate Task LambdaResponseStreamHandler(Stream input, LambdaResponseStream output, ILambdaContext context);
