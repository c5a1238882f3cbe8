using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Ember.Benchmarks.Lambda;

/// <summary>
/// The cheapest Runtime API that still speaks HTTP/1.1 over loopback: every GET gets the same
/// pre-built event, every POST a pre-built 202, on one thread with blocking sockets. What it costs
/// is part of the measured round trip, so the figure is an upper bound on the client's own cost.
/// </summary>
internal sealed class LoopbackRuntimeApi : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly Thread _thread;
    private readonly byte[] _event;
    private readonly byte[] _accepted = Encoding.ASCII.GetBytes("HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\nContent-Length: 15\r\n\r\n{\"status\":\"OK\"}");
    private volatile bool _stopped;

    public LoopbackRuntimeApi(string eventBody)
    {
        var body = Encoding.UTF8.GetBytes(eventBody);
        var deadline = DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeMilliseconds();
        _event = Encoding.ASCII.GetBytes(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nLambda-Runtime-Aws-Request-Id: 8476a536-e9f4-11e8-9739-2dfe598c3fcd\r\n" +
            $"Lambda-Runtime-Deadline-Ms: {deadline}\r\nLambda-Runtime-Invoked-Function-Arn: arn:aws:lambda:us-east-1:123456789012:function:bench\r\n" +
            "Lambda-Runtime-Trace-Id: Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1\r\n" +
            $"Content-Length: {body.Length}\r\n\r\n").Concat(body).ToArray();
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(4);
        _thread = new Thread(Serve) { IsBackground = true, Name = "loopback-runtime-api" };
        _thread.Start();
    }

    public string Endpoint => $"127.0.0.1:{((IPEndPoint)_listener.LocalEndPoint!).Port}";

    private void Serve()
    {
        try
        {
            using var connection = _listener.Accept();
            connection.NoDelay = true;
            var buffer = new byte[1 << 20];
            int start = 0, end = 0;
            while (!_stopped)
            {
                int headEnd;
                while ((headEnd = buffer.AsSpan(start, end - start).IndexOf("\r\n\r\n"u8)) < 0)
                {
                    if (start == end)
                    {
                        start = end = 0;
                    }

                    var read = connection.Receive(buffer.AsSpan(end));
                    if (read == 0)
                    {
                        return;
                    }

                    end += read;
                }

                var head = buffer.AsSpan(start, headEnd);
                var isGet = head[0] == (byte)'G';
                var length = 0;
                var marker = head.IndexOf("Content-Length: "u8);
                if (marker >= 0)
                {
                    var digits = head[(marker + 16)..];
                    for (var i = 0; i < digits.Length && digits[i] is >= (byte)'0' and <= (byte)'9'; i++)
                    {
                        length = (length * 10) + (digits[i] - '0');
                    }
                }

                start += headEnd + 4;
                while (end - start < length)
                {
                    end += connection.Receive(buffer.AsSpan(end));
                }

                start += length;
                connection.Send(isGet ? _event : _accepted);
            }
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public void Dispose()
    {
        _stopped = true;
        _listener.Dispose();
    }
}
