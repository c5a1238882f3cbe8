using System.Net;

namespace Ember.Lambda.RuntimeApi;

/// <summary>A connected byte stream to the Runtime API, with blocking calls.</summary>
internal abstract class RuntimeTransport : IDisposable
{
    /// <summary>Sends some of the bytes; returns how many.</summary>
    public abstract int Send(ReadOnlySpan<byte> bytes);

    /// <summary>Receives up to the span's length; 0 means the peer closed the connection.</summary>
    public abstract int Receive(Span<byte> buffer);

    /// <summary>Makes a blocked <see cref="Receive"/> on another thread return.</summary>
    public abstract void Abort();

    public abstract void Dispose();

    public static RuntimeTransport Connect(string host, int port)
    {
        // Lambda's Runtime API is always an IPv4 literal (127.0.0.1:9001): on Linux talk to it through
        // libc directly. System.Net.Sockets starts its epoll thread on first use, which measured as
        // a fifth of a Native AOT function's cold start (docs/BENCHMARKS.md).
        if (OperatingSystem.IsLinux() && IPAddress.TryParse(host, out var address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
        {
            return LibcTransport.Connect(address, port);
        }

        return SocketTransport.Connect(host, port);
    }
}
