using System.Net.Sockets;
using System.Text;
using Ember.Lambda.Runtime;

namespace Ember.Lambda.RuntimeApi;

/// <summary>
/// A minimal HTTP/1.1 client for the Runtime API over one kept-alive TCP connection.
/// </summary>
/// <remarks>
/// Why not HttpClient: its first request costs several milliseconds of type loading and handler
/// set-up at start-up, which is most of a Native AOT function's cold start (see docs/BENCHMARKS.md).
/// The Runtime API needs only a small part of HTTP/1.1: one request at a time, Content-Length or
/// chunked bodies, keep-alive. Blocking socket calls on purpose: the process does nothing else while
/// it waits for an event, and a blocking read avoids waking the thread pool for every invocation.
/// </remarks>
internal sealed class RuntimeApiConnection : IDisposable
{
    private const int MaxHeadBytes = 64 * 1024;
    private const int InlineBodyLimit = 64 * 1024;

    private readonly string _endpoint;
    private readonly string _host;
    private readonly int _port;
    private readonly PooledBufferWriter _request = new(4 * 1024);
    private readonly RuntimeApiResponse _response = new();
    private byte[] _receive = new byte[16 * 1024];
    private int _start;
    private int _end;
    private RuntimeTransport? _socket;
    private bool _receivedAny;
    private readonly Lock _gate = new();
    private volatile bool _disposed;

    public RuntimeApiConnection(string endpoint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpoint);
        _endpoint = endpoint;
        (_host, _port) = ParseEndpoint(endpoint);
    }

    /// <summary>The body of the last response; valid until the next request.</summary>
    public PooledBufferWriter Body { get; } = new(64 * 1024);

    /// <summary>Sends one request and reads its whole response.</summary>
    public RuntimeApiResponse Send(
        string method,
        string pathStart,
        string? pathMiddle,
        string? pathEnd,
        ReadOnlySpan<byte> body,
        bool hasBody,
        string? errorType)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        WriteHead(method, pathStart, pathMiddle, pathEnd, body.Length, hasBody, errorType);
        var inline = body.Length <= InlineBodyLimit;
        if (inline)
        {
            _request.Write(body);
        }

        for (var attempt = 0; ; attempt++)
        {
            var reused = _socket is not null;
            try
            {
                EnsureConnected();
                _receivedAny = false;
                SendAll(_request.WrittenSpan);
                if (!inline)
                {
                    SendAll(body);
                }

                ReadResponse();
                return _response;
            }
            catch (Exception ex) when (ex is SocketException or IOException or ObjectDisposedException)
            {
                Close();
                if (_disposed)
                {
                    throw new ObjectDisposedException(nameof(RuntimeApiConnection));
                }

                // A kept-alive connection the server closed while idle fails on first use: retry once
                // on a fresh one, but only when the server cannot have seen and answered the request.
                if (reused && !_receivedAny && attempt == 0)
                {
                    continue;
                }

                throw LambdaRuntimeException.ConnectionLost(_endpoint, ex is IOException ? null : ex);
            }
        }
    }

    /// <summary>
    /// Starts a streamed response (<c>POST …/response</c>, chunked, <c>Lambda-Runtime-Function-Response-Mode: streaming</c>,
    /// errors announced as trailers); the body follows with <see cref="SendChunk"/> and ends with <see cref="EndStream"/>.
    /// </summary>
    public void BeginStream(string requestId, string contentType)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _request.Reset();
        Append("POST ");
        Append(RuntimeApiWire.InvocationPathPrefix);
        Append(requestId);
        Append(RuntimeApiWire.ResponseSuffix);
        Append(" HTTP/1.1\r\nHost: ");
        Append(_endpoint);
        Append("\r\nUser-Agent: ");
        Append(RuntimeApiWire.UserAgent);
        Append("\r\nContent-Type: ");
        Append(contentType);
        Append("\r\n");
        Append(RuntimeApiWire.ResponseModeHeader);
        Append(": ");
        Append(RuntimeApiWire.ResponseModeStreaming);
        Append("\r\n");
        Append(RuntimeApiWire.TransferEncodingHeader);
        Append(": chunked\r\nTrailer: ");
        Append(RuntimeApiWire.FunctionErrorTypeHeader);
        Append(", ");
        Append(RuntimeApiWire.FunctionErrorBodyHeader);
        Append("\r\n\r\n");
        try
        {
            EnsureConnected();
            _receivedAny = false;
            SendAll(_request.WrittenSpan);
        }
        catch (Exception ex) when (ex is SocketException or IOException or ObjectDisposedException)
        {
            Close();
            throw LambdaRuntimeException.ConnectionLost(_endpoint, ex is IOException ? null : ex);
        }
    }

    /// <summary>Sends one piece of a streamed response as a chunk, at once.</summary>
    public void SendChunk(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }
        _request.Reset();
        var span = _request.GetSpan(16);
        data.Length.TryFormat(span, out var written, "x", System.Globalization.CultureInfo.InvariantCulture);
        _request.Advance(written);
        Append("\r\n");
        _request.Write(data);
        Append("\r\n");
        Guarded(() => SendAll(_request.WrittenSpan));
    }

    /// <summary>Ends a streamed response, with an error in the trailers when there is one, and reads the Runtime API's answer.</summary>
    public RuntimeApiResponse EndStream(string? errorType, string? errorBodyBase64)
    {
        _request.Reset();
        Append("0\r\n");
        if (errorType is not null)
        {
            Append(RuntimeApiWire.FunctionErrorTypeHeader);
            Append(": ");
            Append(errorType);
            Append("\r\n");
            Append(RuntimeApiWire.FunctionErrorBodyHeader);
            Append(": ");
            Append(errorBodyBase64);
            Append("\r\n");
        }
        Append("\r\n");
        Guarded(() =>
        {
            SendAll(_request.WrittenSpan);
            ReadResponse();
        });
        return _response;
    }

    private void Guarded(Action send)
    {
        try
        {
            send();
        }
        catch (Exception ex) when (ex is SocketException or IOException or ObjectDisposedException)
        {
            Close();
            throw LambdaRuntimeException.ConnectionLost(_endpoint, ex is IOException ? null : ex);
        }
    }

    private void WriteHead(string method, string pathStart, string? pathMiddle, string? pathEnd, int length, bool hasBody, string? errorType)
    {
        _request.Reset();
        Append(method);
        Append(" ");
        Append(pathStart);
        Append(pathMiddle);
        Append(pathEnd);
        Append(" HTTP/1.1\r\nHost: ");
        Append(_endpoint);
        Append("\r\nUser-Agent: ");
        Append(RuntimeApiWire.UserAgent);
        Append("\r\n");
        if (hasBody)
        {
            Append("Content-Type: ");
            Append(RuntimeApiWire.JsonContentType);
            Append("\r\n");
            Append(RuntimeApiWire.ContentLengthHeader);
            Append(": ");
            var span = _request.GetSpan(16);
            length.TryFormat(span, out var written, provider: System.Globalization.CultureInfo.InvariantCulture);
            _request.Advance(written);
            Append("\r\n");
        }

        if (errorType is not null)
        {
            Append(RuntimeApiWire.FunctionErrorTypeHeader);
            Append(": ");
            Append(errorType);
            Append("\r\n");
        }

        Append("\r\n");
    }

    private void Append(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        var span = _request.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        _request.Advance(Encoding.UTF8.GetBytes(text, span));
    }

    private void EnsureConnected()
    {
        if (_socket is not null)
        {
            return;
        }

        var transport = RuntimeTransport.Connect(_host, _port);

        // Abort may have run while there was no socket to close: it must not be missed.
        lock (_gate)
        {
            if (_disposed)
            {
                transport.Dispose();
                throw new ObjectDisposedException(nameof(RuntimeApiConnection));
            }

            _socket = transport;
        }

        _start = 0;
        _end = 0;
    }

    private void SendAll(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var sent = _socket!.Send(bytes);
            bytes = bytes[sent..];
        }
    }

    private void ReadResponse()
    {
        _response.Clear();
        Body.Reset();

        int headLength;
        while ((headLength = _receive.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8)) < 0)
        {
            if (_end - _start >= MaxHeadBytes)
            {
                throw LambdaRuntimeException.Malformed("response headers over 64 KB");
            }

            Fill();
        }

        var head = _receive.AsSpan(_start, headLength);
        _start += headLength + 4;

        var lineEnd = head.IndexOf("\r\n"u8);
        var statusLine = lineEnd < 0 ? head : head[..lineEnd];
        if (statusLine.Length < 12 || !statusLine.StartsWith("HTTP/1."u8)
            || !int.TryParse(statusLine.Slice(9, 3), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var status))
        {
            throw LambdaRuntimeException.Malformed($"status line '{Encoding.ASCII.GetString(statusLine)}'");
        }

        _response.Status = status;
        var keepAlive = statusLine[7] == (byte)'1';
        long contentLength = -1;
        var chunked = false;
        var rest = lineEnd < 0 ? [] : head[(lineEnd + 2)..];
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf("\r\n"u8);
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[(end + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim(" \t"u8);
            if (System.Text.Ascii.EqualsIgnoreCase(name, RuntimeApiWire.ContentLengthHeader))
            {
                if (!long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out contentLength))
                {
                    throw LambdaRuntimeException.Malformed("Content-Length");
                }
            }
            else if (System.Text.Ascii.EqualsIgnoreCase(name, RuntimeApiWire.TransferEncodingHeader))
            {
                chunked = value.IndexOf("chunked"u8) >= 0;
            }
            else if (System.Text.Ascii.EqualsIgnoreCase(name, RuntimeApiWire.ConnectionHeader))
            {
                if (System.Text.Ascii.EqualsIgnoreCase(value, "close"))
                {
                    keepAlive = false;
                }
                else if (System.Text.Ascii.EqualsIgnoreCase(value, "keep-alive"))
                {
                    keepAlive = true;
                }
            }
            else if (name.Length > 15 && System.Text.Ascii.EqualsIgnoreCase(name[..15], "Lambda-Runtime-"))
            {
                ReadRuntimeHeader(name, value);
            }
        }

        if (chunked)
        {
            ReadChunkedBody();
        }
        else if (contentLength >= 0)
        {
            ReadExactly(contentLength);
        }
        else if (status is not (204 or 304) && status >= 200)
        {
            // No length and not chunked: the body runs to the end of the connection.
            ReadToEnd();
            keepAlive = false;
        }

        if (!keepAlive)
        {
            Close();
        }
    }

    private void ReadRuntimeHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        if (System.Text.Ascii.EqualsIgnoreCase(name, RuntimeApiWire.RequestIdHeader))
        {
            _response.RequestId = Encoding.UTF8.GetString(value);
        }
        else if (System.Text.Ascii.EqualsIgnoreCase(name, RuntimeApiWire.DeadlineHeader))
        {
            _response.Deadline = Encoding.UTF8.GetString(value);
        }
        else if (System.Text.Ascii.EqualsIgnoreCase(name, RuntimeApiWire.InvokedFunctionArnHeader))
        {
            _response.InvokedFunctionArn = Encoding.UTF8.GetString(value);
        }
        else if (System.Text.Ascii.EqualsIgnoreCase(name, RuntimeApiWire.TraceIdHeader))
        {
            _response.TraceId = Encoding.UTF8.GetString(value);
        }
        else if (System.Text.Ascii.EqualsIgnoreCase(name, RuntimeApiWire.ClientContextHeader))
        {
            _response.ClientContext = Encoding.UTF8.GetString(value);
        }
        else if (System.Text.Ascii.EqualsIgnoreCase(name, RuntimeApiWire.CognitoIdentityHeader))
        {
            _response.CognitoIdentity = Encoding.UTF8.GetString(value);
        }
    }

    private void ReadChunkedBody()
    {
        while (true)
        {
            var line = ReadLine();
            var sizeText = line.IndexOf((byte)';') is var semicolon and >= 0 ? line[..semicolon] : line;
            sizeText = sizeText.Trim(" \t"u8);
            if (sizeText.IsEmpty || !long.TryParse(sizeText, System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var size) || size < 0)
            {
                throw LambdaRuntimeException.Malformed("chunk size");
            }

            if (size == 0)
            {
                // Trailers, if any, up to the empty line.
                while (!ReadLine().IsEmpty)
                {
                }

                return;
            }

            ReadExactly(size);
            if (!ReadLine().IsEmpty)
            {
                throw LambdaRuntimeException.Malformed("chunk not followed by CRLF");
            }
        }
    }

    /// <summary>Consumes one CRLF-terminated line from the receive buffer and returns it without the CRLF.</summary>
    private ReadOnlySpan<byte> ReadLine()
    {
        int end;
        while ((end = _receive.AsSpan(_start, _end - _start).IndexOf("\r\n"u8)) < 0)
        {
            if (_end - _start >= MaxHeadBytes)
            {
                throw LambdaRuntimeException.Malformed("line over 64 KB");
            }

            Fill();
        }

        var line = _receive.AsSpan(_start, end);
        _start += end + 2;
        return line;
    }

    private void ReadExactly(long count)
    {
        if (count > int.MaxValue)
        {
            throw LambdaRuntimeException.Malformed("body too large");
        }

        var remaining = (int)count;
        var buffered = Math.Min(remaining, _end - _start);
        Body.Write(_receive.AsSpan(_start, buffered));
        _start += buffered;
        remaining -= buffered;
        while (remaining > 0)
        {
            var target = Body.GetSpan(remaining)[..remaining];
            var read = _socket!.Receive(target);
            if (read == 0)
            {
                throw new IOException("The connection closed in the middle of a body.");
            }

            _receivedAny = true;
            Body.Advance(read);
            remaining -= read;
        }
    }

    private void ReadToEnd()
    {
        Body.Write(_receive.AsSpan(_start, _end - _start));
        _start = _end;
        while (true)
        {
            var read = _socket!.Receive(Body.GetSpan(16 * 1024));
            if (read == 0)
            {
                return;
            }

            Body.Advance(read);
        }
    }

    private void Fill()
    {
        if (_start == _end)
        {
            _start = 0;
            _end = 0;
        }
        else if (_end == _receive.Length)
        {
            if (_start > 0)
            {
                _receive.AsSpan(_start, _end - _start).CopyTo(_receive);
                _end -= _start;
                _start = 0;
            }
            else
            {
                Array.Resize(ref _receive, _receive.Length * 2);
            }
        }

        var read = _socket!.Receive(_receive.AsSpan(_end));
        if (read == 0)
        {
            throw new IOException("The connection closed before a full response was read.");
        }

        _receivedAny = true;
        _end += read;
    }

    private static (string Host, int Port) ParseEndpoint(string endpoint)
    {
        var colon = endpoint.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(endpoint.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port))
        {
            throw new LambdaRuntimeException($"{RuntimeApiWire.EnvironmentVariable} must be host:port, not '{endpoint}'.");
        }

        var host = endpoint[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        return (host, port);
    }

    private void Close()
    {
        RuntimeTransport? socket;
        lock (_gate)
        {
            socket = _socket;
            _socket = null;
        }

        _start = 0;
        _end = 0;
        socket?.Dispose();
    }

    /// <summary>
    /// Closes the socket from another thread so a blocked <c>/next</c> returns; the buffers stay
    /// valid until <see cref="Dispose"/>.
    /// </summary>
    public void Abort()
    {
        lock (_gate)
        {
            _disposed = true;
            _socket?.Abort();
        }
    }

    public void Dispose()
    {
        _disposed = true;
        Close();
        _request.Dispose();
        Body.Dispose();
    }
}
