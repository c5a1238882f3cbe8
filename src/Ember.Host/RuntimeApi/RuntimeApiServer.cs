using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Text;

using Ember.Host.Logs;
using Ember.Host.Wire;

namespace Ember.Host.RuntimeApi;

/// <summary>
/// The Runtime API of one execution environment: an HTTP/1.1 listener on its own loopback port,
/// so that an environment can neither see nor answer another's invocations.
/// </summary>
/// <remarks>
/// Hand-written rather than a Kestrel instance per environment: a listener must exist before the
/// function process starts, and binding a socket costs microseconds where starting a server costs
/// milliseconds that would show up in every cold start. The surface is four routes; the parser
/// accepts what the official runtime clients send (Content-Length or chunked bodies with trailers,
/// Expect: 100-continue, keep-alive or not, any header case).
/// </remarks>
internal sealed class RuntimeApiServer : IAsyncDisposable
{
    private const int MaxHeaderBytes = 64 * 1024;
    private static readonly byte[] s_crlfcrlf = "\r\n\r\n"u8.ToArray();
    private static readonly byte[] s_continue = "HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray();

    private Microsoft.Extensions.Logging.ILogger _logger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
    private readonly Socket _listener;
    private readonly IRuntimeApiHandler _handler;
    private readonly int _maxBodyBytes;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Socket> _connections = [];
    private readonly Func<IPEndPoint, IPEndPoint, string?>? _refusal;
    private Task _acceptLoop = Task.CompletedTask;

    private RuntimeApiServer(Socket listener, IRuntimeApiHandler handler, int maxBodyBytes, Func<IPEndPoint, IPEndPoint, string?>? refusal)
    {
        _listener = listener;
        _handler = handler;
        _maxBodyBytes = maxBodyBytes;
        _refusal = refusal;
        EndPoint = (IPEndPoint)listener.LocalEndPoint!;
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>host:port, as AWS_LAMBDA_RUNTIME_API expects it.</summary>
    public string Address => $"127.0.0.1:{EndPoint.Port}";

    /// <param name="handler">What answers the requests.</param>
    /// <param name="maxBodyBytes">The largest body kept; a longer one is drained and refused.</param>
    /// <param name="refusal">
    /// Asked once per connection with its client and server end points: the reason to refuse it
    /// (every request on it is then answered 403 and the connection closed), or null to serve it.
    /// </param>
    /// <param name="logger">Where a connection that fails unexpectedly is reported.</param>
    public static RuntimeApiServer Start(IRuntimeApiHandler handler, int maxBodyBytes, Func<IPEndPoint, IPEndPoint, string?>? refusal = null,
        Microsoft.Extensions.Logging.ILogger? logger = null)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            socket.Listen(64);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        var server = new RuntimeApiServer(socket, handler, maxBodyBytes, refusal)
        {
            _logger = logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance,
        };
        server._acceptLoop = server.AcceptLoopAsync();
        return server;
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await _listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }
            connection.NoDelay = true;
            lock (_connections)
            {
                _connections.Add(connection);
            }
            ServeAsync(connection).Observe(_logger, $"serving a Runtime API connection on port {EndPoint.Port}");
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024));
        Task<ReadResult>? pendingRead = null;
        try
        {
            var refused = _refusal?.Invoke((IPEndPoint)socket.RemoteEndPoint!, EndPoint);
            while (!_stopping.IsCancellationRequested)
            {
                var (request, close) = await ReadRequestAsync(reader, stream, pendingRead).ConfigureAwait(false);
                pendingRead = null;
                if (request is null)
                {
                    return;
                }
                if (refused is not null)
                {
                    // Read first, then refuse: a client still sending would otherwise see a reset, not the answer.
                    await WriteResponseAsync(stream, RuntimeApiResponse.Error(403, ErrorTypes.AccessDenied, refused), true).ConfigureAwait(false);
                    return;
                }

                if (request.Pumping is { } pumping)
                {
                    // A streamed response: the handler relays the body while this loop reads it off the connection.
                    var relaying = _handler.HandleAsync(request, _stopping.Token).AsTask();
                    var whole = await pumping.ConfigureAwait(false);
                    var answer = await relaying.ConfigureAwait(false);
                    await WriteResponseAsync(stream, answer, close || answer.Close || !whole).ConfigureAwait(false);
                    if (close || answer.Close || !whole)
                    {
                        return;
                    }
                    continue;
                }

                // While the handler waits (a long-poll on /next), keep reading so that a closed
                // connection is noticed and the wait is abandoned instead of answered into the void.
                // Only a GET waits (a POST is answered at once), so only a GET needs a token of its own.
                using var closed = request.Method == "GET" ? CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token) : null;
                var handled = _handler.HandleAsync(request, closed?.Token ?? _stopping.Token);
                if (handled.IsCompletedSuccessfully)
                {
                    var answered = handled.Result;
                    await WriteResponseAsync(stream, answered, close || answered.Close).ConfigureAwait(false);
                    if (close || answered.Close)
                    {
                        return;
                    }
                    continue;
                }
                var handling = handled.AsTask();
                if (!handling.IsCompleted && closed is not null)
                {
                    pendingRead = reader.ReadAsync().AsTask();
                    var first = await Task.WhenAny(handling, pendingRead).ConfigureAwait(false);
                    if (first == pendingRead && pendingRead.Result.IsCompleted && pendingRead.Result.Buffer.IsEmpty)
                    {
                        await closed.CancelAsync().ConfigureAwait(false);
                        await handling.ConfigureAwait(false);
                        return;
                    }
                }
                var response = await handling.ConfigureAwait(false);
                await WriteResponseAsync(stream, response, close || response.Close).ConfigureAwait(false);
                if (close || response.Close)
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The function process went away; its environment notices through the process exit.
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
            lock (_connections)
            {
                _connections.Remove(socket);
            }
        }
    }

    /// <summary>Reads one request; null at a clean end of the connection.</summary>
    private async Task<(RuntimeApiRequest? Request, bool Close)> ReadRequestAsync(PipeReader reader, Stream stream, Task<ReadResult>? pendingRead)
    {
        RuntimeApiRequest? request = null;
        var close = false;
        while (request is null)
        {
            var result = pendingRead is not null ? await pendingRead.ConfigureAwait(false) : await reader.ReadAsync().ConfigureAwait(false);
            pendingRead = null;
            var buffer = result.Buffer;
            var position = FindHeaderEnd(buffer);
            if (position is null)
            {
                if (buffer.Length > MaxHeaderBytes)
                {
                    await WriteResponseAsync(stream, RuntimeApiResponse.Error(431, RuntimeApiRoutes.InvalidRequest, "request headers too large"), true).ConfigureAwait(false);
                    return (null, true);
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    return (null, true);
                }
                continue;
            }
            var parsed = TryParseHead(buffer.Slice(0, position.Value), out request, out close);
            reader.AdvanceTo(buffer.GetPosition(4, position.Value));
            if (!parsed)
            {
                await WriteResponseAsync(stream, RuntimeApiResponse.Error(400, RuntimeApiRoutes.InvalidRequest, "malformed HTTP request"), true).ConfigureAwait(false);
                return (null, true);
            }
        }

        if (request.Header("Expect") is { } expect && expect.Equals("100-continue", StringComparison.OrdinalIgnoreCase))
        {
            await stream.WriteAsync(s_continue).ConfigureAwait(false);
        }

        if (request.Header("Transfer-Encoding") is { } te && te.Contains("chunked", StringComparison.OrdinalIgnoreCase)
            && request.Header(RuntimeApiHeaders.ResponseMode) is { } mode && mode.Equals(RuntimeApiHeaders.ResponseModeStreaming, StringComparison.OrdinalIgnoreCase))
        {
            // A streamed response: handed on as it arrives, while the connection loop keeps reading it (ServeAsync).
            var pipe = new Pipe();
            request.BodyReader = pipe.Reader;
            request.Pumping = PumpChunkedBodyAsync(reader, request, pipe.Writer);
        }
        else if (request.Header("Transfer-Encoding") is { } chunked && chunked.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            if (!await ReadChunkedBodyAsync(reader, request).ConfigureAwait(false))
            {
                return (null, true);
            }
        }
        else if (request.Header("Content-Length") is { } lengthText)
        {
            if (!long.TryParse(lengthText, out var length) || length < 0)
            {
                await WriteResponseAsync(stream, RuntimeApiResponse.Error(400, RuntimeApiRoutes.InvalidRequest, "invalid Content-Length"), true).ConfigureAwait(false);
                return (null, true);
            }
            if (!await ReadFixedBodyAsync(reader, request, length).ConfigureAwait(false))
            {
                return (null, true);
            }
            // An over-long body was drained, not kept; the connection stays usable.
        }
        return (request, close);
    }

    private async Task<bool> ReadFixedBodyAsync(PipeReader reader, RuntimeApiRequest request, long length)
    {
        var keep = length <= _maxBodyBytes;
        var body = keep ? new byte[length] : [];
        long read = 0;
        while (read < length)
        {
            var result = await reader.ReadAsync().ConfigureAwait(false);
            var take = Math.Min(result.Buffer.Length, length - read);
            var slice = result.Buffer.Slice(0, take);
            if (keep)
            {
                slice.CopyTo(body.AsSpan((int)read));
            }
            read += take;
            reader.AdvanceTo(slice.End);
            if (result.IsCompleted && read < length)
            {
                return false;
            }
        }
        request.Body = body;
        request.BodyTooLarge = !keep;
        return true;
    }

    private async Task<bool> ReadChunkedBodyAsync(PipeReader reader, RuntimeApiRequest request)
    {
        var body = new ArrayBufferWriter<byte>();
        long total = 0;
        while (true)
        {
            var line = await ReadLineAsync(reader).ConfigureAwait(false);
            if (line is null)
            {
                return false;
            }
            var sizeText = line.Split(';', 2)[0].Trim();
            if (!long.TryParse(sizeText, System.Globalization.NumberStyles.HexNumber, null, out var size) || size < 0)
            {
                return false;
            }
            if (size == 0)
            {
                // Trailers, then the blank line that ends the message.
                while (await ReadLineAsync(reader).ConfigureAwait(false) is { } trailer)
                {
                    if (trailer.Length == 0)
                    {
                        break;
                    }
                    var colon = trailer.IndexOf(':');
                    if (colon > 0)
                    {
                        request.Trailers ??= new(StringComparer.OrdinalIgnoreCase);
                        request.Trailers[trailer[..colon].Trim()] = trailer[(colon + 1)..].Trim();
                    }
                }
                break;
            }
            long read = 0;
            while (read < size)
            {
                var result = await reader.ReadAsync().ConfigureAwait(false);
                var take = Math.Min(result.Buffer.Length, size - read);
                var slice = result.Buffer.Slice(0, take);
                if (total + read + take <= _maxBodyBytes)
                {
                    foreach (var segment in slice)
                    {
                        body.Write(segment.Span);
                    }
                }
                read += take;
                reader.AdvanceTo(slice.End);
                if (result.IsCompleted && read < size)
                {
                    return false;
                }
            }
            total += size;
            if (await ReadLineAsync(reader).ConfigureAwait(false) is not "")
            {
                return false;
            }
        }
        request.BodyTooLarge = total > _maxBodyBytes;
        request.Body = request.BodyTooLarge ? [] : body.WrittenSpan.ToArray();
        return true;
    }

    /// <summary>
    /// Reads a chunked body into <paramref name="body"/> as it arrives, a flush per chunk, then the trailers. When the
    /// consumer stops reading, the rest is read and dropped. False when the body is malformed or the connection ends first.
    /// </summary>
    private static async Task<bool> PumpChunkedBodyAsync(PipeReader reader, RuntimeApiRequest request, PipeWriter body)
    {
        var forwarding = true;
        try
        {
            while (true)
            {
                var line = await ReadLineAsync(reader).ConfigureAwait(false);
                if (line is null
                    || !long.TryParse(line.Split(';', 2)[0].Trim(), System.Globalization.NumberStyles.HexNumber, null, out var size) || size < 0)
                {
                    await body.CompleteAsync(new IOException("the streamed response was cut off or is not valid chunked encoding")).ConfigureAwait(false);
                    return false;
                }
                if (size == 0)
                {
                    Dictionary<string, string>? trailers = null;
                    while (await ReadLineAsync(reader).ConfigureAwait(false) is { Length: > 0 } trailer)
                    {
                        var colon = trailer.IndexOf(':');
                        if (colon > 0)
                        {
                            trailers ??= new(StringComparer.OrdinalIgnoreCase);
                            trailers[trailer[..colon].Trim()] = trailer[(colon + 1)..].Trim();
                        }
                    }
                    request.Trailers = trailers;
                    await body.CompleteAsync().ConfigureAwait(false);
                    return true;
                }
                long read = 0;
                while (read < size)
                {
                    var result = await reader.ReadAsync().ConfigureAwait(false);
                    var take = Math.Min(result.Buffer.Length, size - read);
                    var slice = result.Buffer.Slice(0, take);
                    if (forwarding)
                    {
                        foreach (var segment in slice)
                        {
                            body.Write(segment.Span);
                        }
                    }
                    read += take;
                    reader.AdvanceTo(slice.End);
                    if (result.IsCompleted && read < size)
                    {
                        await body.CompleteAsync(new IOException("the streamed response was cut off")).ConfigureAwait(false);
                        return false;
                    }
                }
                if (forwarding && (await body.FlushAsync().ConfigureAwait(false)).IsCompleted)
                {
                    forwarding = false;
                }
                if (await ReadLineAsync(reader).ConfigureAwait(false) is not "")
                {
                    await body.CompleteAsync(new IOException("the streamed response is not valid chunked encoding")).ConfigureAwait(false);
                    return false;
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            await body.CompleteAsync(e).ConfigureAwait(false);
            return false;
        }
    }

    private static async Task<string?> ReadLineAsync(PipeReader reader)
    {
        while (true)
        {
            var result = await reader.ReadAsync().ConfigureAwait(false);
            var buffer = result.Buffer;
            var end = buffer.PositionOf((byte)'\n');
            if (end is not null)
            {
                var lineBytes = buffer.Slice(0, end.Value);
                var line = Encoding.Latin1.GetString(lineBytes).TrimEnd('\r');
                reader.AdvanceTo(buffer.GetPosition(1, end.Value));
                return line;
            }
            if (result.IsCompleted || buffer.Length > MaxHeaderBytes)
            {
                reader.AdvanceTo(buffer.End);
                return null;
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static SequencePosition? FindHeaderEnd(ReadOnlySequence<byte> buffer)
    {
        var sequenceReader = new SequenceReader<byte>(buffer);
        return sequenceReader.TryReadTo(out ReadOnlySequence<byte> head, s_crlfcrlf, advancePastDelimiter: false)
            ? head.End
            : null;
    }

    /// <summary>The request line and headers, parsed from the bytes as they came (one segment, or copied into one).</summary>
    private static bool TryParseHead(ReadOnlySequence<byte> head, out RuntimeApiRequest? request, out bool close)
    {
        if (head.IsSingleSegment)
        {
            return TryParseHead(head.FirstSpan, out request, out close);
        }
        var copy = ArrayPool<byte>.Shared.Rent((int)head.Length);
        try
        {
            head.CopyTo(copy);
            return TryParseHead(copy.AsSpan(0, (int)head.Length), out request, out close);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    internal static bool TryParseHead(ReadOnlySpan<byte> head, out RuntimeApiRequest? request, out bool close)
    {
        request = null;
        close = false;
        var lineEnd = head.IndexOf("\r\n"u8);
        var requestLine = lineEnd < 0 ? head : head[..lineEnd];
        var rest = lineEnd < 0 ? [] : head[(lineEnd + 2)..];
        var firstSpace = requestLine.IndexOf((byte)' ');
        var lastSpace = requestLine.LastIndexOf((byte)' ');
        if (firstSpace <= 0 || lastSpace <= firstSpace + 1)
        {
            return false;
        }
        var version = requestLine[(lastSpace + 1)..];
        var target = requestLine[(firstSpace + 1)..lastSpace];
        if (!version.StartsWith("HTTP/1."u8) || target.IndexOf((byte)' ') >= 0)
        {
            return false;
        }
        var headers = new Dictionary<string, string>(8, StringComparer.OrdinalIgnoreCase);
        while (!rest.IsEmpty)
        {
            lineEnd = rest.IndexOf("\r\n"u8);
            var line = lineEnd < 0 ? rest : rest[..lineEnd];
            rest = lineEnd < 0 ? [] : rest[(lineEnd + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                return false;
            }
            var name = HeaderName(line[..colon].Trim((byte)' '));
            var value = Encoding.Latin1.GetString(line[(colon + 1)..].Trim(" \t"u8));
            headers[name] = headers.TryGetValue(name, out var existing) ? existing + "," + value : value;
        }
        var query = target.IndexOf((byte)'?');
        request = new RuntimeApiRequest
        {
            Method = Method(requestLine[..firstSpace]),
            Path = Encoding.Latin1.GetString(query >= 0 ? target[..query] : target),
            Headers = headers,
        };
        var connection = headers.GetValueOrDefault("Connection");
        close = version.SequenceEqual("HTTP/1.0"u8)
            ? !"keep-alive".Equals(connection, StringComparison.OrdinalIgnoreCase)
            : "close".Equals(connection, StringComparison.OrdinalIgnoreCase);
        return true;
    }

    /// <summary>GET and POST without a new string each time.</summary>
    private static string Method(ReadOnlySpan<byte> method) =>
        method.SequenceEqual("GET"u8) ? "GET" : method.SequenceEqual("POST"u8) ? "POST" : Encoding.Latin1.GetString(method);

    /// <summary>The header names runtimes send on every request, without a new string each time; any other as it came.</summary>
    private static string HeaderName(ReadOnlySpan<byte> name)
    {
        foreach (var known in s_knownHeaders)
        {
            if (name.Length == known.Length && Ascii.EqualsIgnoreCase(name, known))
            {
                return known;
            }
        }
        return Encoding.Latin1.GetString(name);
    }

    private static readonly string[] s_knownHeaders =
    [
        "Host", "User-Agent", "Accept", "Accept-Encoding", "Connection", "Content-Type", "Content-Length", "Transfer-Encoding", "Expect",
        RuntimeApiHeaders.FunctionErrorType, RuntimeApiHeaders.ResponseMode,
    ];

    private static async Task WriteResponseAsync(Stream stream, RuntimeApiResponse response, bool close)
    {
        var inline = response.Body.Length <= 64 * 1024;
        // The fixed lines (status, Content-Type, Content-Length, Date, Connection) take under 200 bytes.
        var headBytes = 256;
        foreach (var (name, value) in response.Headers)
        {
            headBytes += name.Length + value.Length + 4;
        }
        var buffer = ArrayPool<byte>.Shared.Rent(headBytes + (inline ? response.Body.Length : 0));
        try
        {
            var written = WriteHead(buffer, response, close);
            if (inline)
            {
                response.Body.Span.CopyTo(buffer.AsSpan(written));
                await stream.WriteAsync(buffer.AsMemory(0, written + response.Body.Length)).ConfigureAwait(false);
            }
            else
            {
                await stream.WriteAsync(buffer.AsMemory(0, written)).ConfigureAwait(false);
                await stream.WriteAsync(response.Body).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The status line and headers, as bytes into <paramref name="buffer"/> (large enough); the count written.</summary>
    internal static int WriteHead(Span<byte> buffer, RuntimeApiResponse response, bool close)
    {
        var head = new SpanWriter(buffer);
        head.Write("HTTP/1.1 "u8);
        head.Write(response.Status);
        head.Write(" "u8);
        head.Write(ReasonPhrase(response.Status));
        head.Write("\r\n"u8);
        var hasContentType = false;
        foreach (var (name, value) in response.Headers)
        {
            head.Write(name);
            head.Write(": "u8);
            head.Write(value);
            head.Write("\r\n"u8);
            hasContentType |= name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase);
        }
        if (!hasContentType)
        {
            head.Write("Content-Type: application/json\r\n"u8);
        }
        head.Write("Content-Length: "u8);
        head.Write(response.Body.Length);
        head.Write("\r\nDate: "u8);
        head.Write(HttpDate.Now());
        head.Write("\r\n"u8);
        if (close)
        {
            head.Write("Connection: close\r\n"u8);
        }
        head.Write("\r\n"u8);
        return head.Written;
    }

    /// <summary>Appends Latin-1 text and numbers to a byte span.</summary>
    private ref struct SpanWriter(Span<byte> buffer)
    {
        private readonly Span<byte> _buffer = buffer;

        public int Written { get; private set; }

        public void Write(ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(_buffer[Written..]);
            Written += bytes.Length;
        }

        public void Write(string text) => Written += Encoding.Latin1.GetBytes(text, _buffer[Written..]);

        public void Write(long number)
        {
            System.Buffers.Text.Utf8Formatter.TryFormat(number, _buffer[Written..], out var count);
            Written += count;
        }
    }

    /// <summary>The Date header's value (RFC 1123), made once a second rather than once a response.</summary>
    private static class HttpDate
    {
        private static (long Second, string Text) s_current = (-1, "");

        public static string Now()
        {
            var now = DateTime.UtcNow;
            var second = now.Ticks / TimeSpan.TicksPerSecond;
            var current = s_current;
            if (current.Second == second)
            {
                return current.Text;
            }
            var text = now.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            s_current = (second, text);
            return text;
        }
    }

    private static string ReasonPhrase(int status) => status switch
    {
        200 => "OK",
        202 => "Accepted",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        410 => "Gone",
        413 => "Payload Too Large",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        _ => "Status",
    };

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        lock (_connections)
        {
            foreach (var c in _connections)
            {
                try
                {
                    c.Shutdown(SocketShutdown.Both);
                }
                catch (SocketException)
                {
                    // The peer closed it already: nothing left to shut down.
                }
                catch (ObjectDisposedException)
                {
                    // Its serving task disposed it already.
                }
            }
        }
        await _acceptLoop.ConfigureAwait(false);
        _stopping.Dispose();
    }
}
