using System.Net;
using System.Net.Sockets;

namespace Ember.Lambda.RuntimeApi;

/// <summary>The portable transport: System.Net.Sockets, for host names, IPv6 and non-Linux systems.</summary>
internal sealed class SocketTransport(Socket socket) : RuntimeTransport
{
    public static new SocketTransport Connect(string host, int port)
    {
        var addresses = IPAddress.TryParse(host, out var address) ? [address] : Dns.GetHostAddresses(host);
        SocketException? last = null;
        foreach (var candidate in addresses)
        {
            var socket = new Socket(candidate.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Connect(new IPEndPoint(candidate, port));
                return new SocketTransport(socket);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
        }

        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }

    public override int Send(ReadOnlySpan<byte> bytes) => socket.Send(bytes, SocketFlags.None);

    public override int Receive(Span<byte> buffer) => socket.Receive(buffer, SocketFlags.None);

    public override void Abort() => socket.Dispose();

    public override void Dispose() => socket.Dispose();
}
