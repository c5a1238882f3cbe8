using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace Ember.Lambda.Tests.Fakes;

/// <summary>
/// A Runtime API on 127.0.0.1:0 written on raw sockets, so tests control the exact bytes:
/// Content-Length or chunked events, Connection: close, any status for the POSTs.
/// </summary>
internal sealed class FakeRuntimeApi : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Channel<FakeEvent> _events = Channel.CreateUnbounded<FakeEvent>();
    private readonly Channel<RecordedRequest> _posts = Channel.CreateUnbounded<RecordedRequest>();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private readonly Task _acceptLoop;
    private int _connectionCount;

    public FakeRuntimeApi()
    {
        _listener.Start();
        _acceptLoop = AcceptAsync();
    }

    public string Endpoint => $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>Status for every POST (response, error, init error).</summary>
    public int PostStatus { get; set; } = 202;

    /// <summary>Send /next bodies with Transfer-Encoding: chunked instead of Content-Length.</summary>
    public bool ChunkedEvents { get; set; }

    /// <summary>Send Connection: close on every response and close the socket.</summary>
    public bool CloseEachConnection { get; set; }

    public int ConnectionCount => Volatile.Read(ref _connectionCount);

    public void Enqueue(FakeEvent fakeEvent) => _events.Writer.TryWrite(fakeEvent);

    /// <summary>Waits for the next POST (response, error or init error), failing after 30 s.</summary>
    public async Task<RecordedRequest> NextPostAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await _posts.Reader.ReadAsync(timeout.Token);
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                var number = Interlocked.Increment(ref _connectionCount);
                lock (_connections)
                {
                    _connections.Add(ServeAsync(client, number));
                }
            }
        }
        catch (Exception ex) when (_stop.IsCancellationRequested && ex is OperationCanceledException or InvalidOperationException or SocketException or ObjectDisposedException)
        {
            // Stopping: the listener was closed under a pending or next accept.
        }
    }

    private async Task ServeAsync(TcpClient client, int number)
    {
        using var _ = client;
        var stream = client.GetStream();
        var buffer = new List<byte>();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var request = await ReadRequestAsync(stream, buffer, number);
                if (request is null)
                {
                    return;
                }

                if (request.Method == "GET")
                {
                    var next = await _events.Reader.ReadAsync(_stop.Token);
                    await WriteEventAsync(stream, next);
                }
                else
                {
                    _posts.Writer.TryWrite(request);
                    await WriteAsync(stream, $"HTTP/1.1 {PostStatus} X\r\nContent-Type: application/json\r\nContent-Length: 15\r\n{CloseHeader()}\r\n{{\"status\":\"OK\"}}");
                }

                if (CloseEachConnection)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
        }
    }

    private string CloseHeader() => CloseEachConnection ? "Connection: close\r\n" : string.Empty;

    private async Task WriteEventAsync(Stream stream, FakeEvent next)
    {
        var head = new StringBuilder();
        head.Append($"HTTP/1.1 {next.Status} X\r\n");
        head.Append($"Lambda-Runtime-Aws-Request-Id: {next.RequestId}\r\n");
        head.Append($"Lambda-Runtime-Deadline-Ms: {next.DeadlineUnixMs}\r\n");
        head.Append("Lambda-Runtime-Invoked-Function-Arn: arn:aws:lambda:us-east-1:123456789012:function:fake\r\n");
        head.Append("Content-Type: application/json\r\n");
        foreach (var (name, value) in next.ExtraHeaders ?? new Dictionary<string, string>())
        {
            head.Append($"{name}: {value}\r\n");
        }

        head.Append(CloseHeader());
        var body = Encoding.UTF8.GetBytes(next.Body);
        if (ChunkedEvents)
        {
            head.Append("Transfer-Encoding: chunked\r\n\r\n");
            var wire = new StringBuilder(head.ToString());
            // Split the body into uneven chunks to exercise the decoder.
            for (var offset = 0; offset < body.Length;)
            {
                var size = Math.Min(body.Length - offset, 1 + (offset % 7) * 3);
                wire.Append($"{size:x};ext=1\r\n").Append(Encoding.UTF8.GetString(body, offset, size)).Append("\r\n");
                offset += size;
            }

            wire.Append("0\r\nX-Trailer: t\r\n\r\n");
            await WriteAsync(stream, wire.ToString());
            return;
        }

        head.Append($"Content-Length: {body.Length}\r\n\r\n");
        await stream.WriteAsync(Encoding.UTF8.GetBytes(head.ToString()).Concat(body).ToArray());
    }

    private static async Task WriteAsync(Stream stream, string text) => await stream.WriteAsync(Encoding.UTF8.GetBytes(text));

    private async Task<RecordedRequest?> ReadRequestAsync(Stream stream, List<byte> buffer, int number)
    {
        var chunk = new byte[64 * 1024];
        int headEnd;
        while ((headEnd = IndexOf(buffer, "\r\n\r\n"u8)) < 0)
        {
            var read = await stream.ReadAsync(chunk, _stop.Token);
            if (read == 0)
            {
                return null;
            }

            buffer.AddRange(chunk.AsSpan(0, read));
        }

        var head = Encoding.ASCII.GetString(buffer.GetRange(0, headEnd).ToArray()).Split("\r\n");
        buffer.RemoveRange(0, headEnd + 4);
        var parts = head[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in head.Skip(1))
        {
            var colon = line.IndexOf(':');
            headers[line[..colon]] = line[(colon + 1)..].Trim();
        }

        if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            return await ReadChunkedAsync(stream, buffer, chunk, parts, headers, number);
        }

        var length = headers.TryGetValue("Content-Length", out var text) ? int.Parse(text) : 0;
        while (buffer.Count < length)
        {
            var read = await stream.ReadAsync(chunk, _stop.Token);
            if (read == 0)
            {
                return null;
            }

            buffer.AddRange(chunk.AsSpan(0, read));
        }

        var body = buffer.GetRange(0, length).ToArray();
        buffer.RemoveRange(0, length);
        return new RecordedRequest(parts[0], parts[1], headers, body, number);
    }

    /// <summary>A chunked request (a streamed response): each chunk kept apart, then the trailers.</summary>
    private async Task<RecordedRequest?> ReadChunkedAsync(Stream stream, List<byte> buffer, byte[] chunk, string[] parts, Dictionary<string, string> headers, int number)
    {
        async Task<string?> LineAsync()
        {
            int end;
            while ((end = IndexOf(buffer, "\r\n"u8)) < 0)
            {
                var read = await stream.ReadAsync(chunk, _stop.Token);
                if (read == 0)
                {
                    return null;
                }
                buffer.AddRange(chunk.AsSpan(0, read));
            }
            var line = Encoding.ASCII.GetString(buffer.GetRange(0, end).ToArray());
            buffer.RemoveRange(0, end + 2);
            return line;
        }

        var chunks = new List<byte[]>();
        var trailers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (await LineAsync() is { } sizeLine)
        {
            var size = Convert.ToInt32(sizeLine.Split(';')[0], 16);
            if (size == 0)
            {
                while (await LineAsync() is { Length: > 0 } trailer)
                {
                    var colon = trailer.IndexOf(':');
                    trailers[trailer[..colon]] = trailer[(colon + 1)..].Trim();
                }
                return new RecordedRequest(parts[0], parts[1], headers, [.. chunks.SelectMany(c => c)], number) { Chunks = chunks, Trailers = trailers };
            }
            while (buffer.Count < size + 2)
            {
                var read = await stream.ReadAsync(chunk, _stop.Token);
                if (read == 0)
                {
                    return null;
                }
                buffer.AddRange(chunk.AsSpan(0, read));
            }
            chunks.Add(buffer.GetRange(0, size).ToArray());
            buffer.RemoveRange(0, size + 2);
        }
        return null;
    }

    private static int IndexOf(List<byte> buffer, ReadOnlySpan<byte> pattern) =>
        System.Runtime.InteropServices.CollectionsMarshal.AsSpan(buffer).IndexOf(pattern);

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _acceptLoop;
        Task[] connections;
        lock (_connections)
        {
            connections = [.. _connections];
        }

        await Task.WhenAll(connections);
        _stop.Dispose();
    }
}
