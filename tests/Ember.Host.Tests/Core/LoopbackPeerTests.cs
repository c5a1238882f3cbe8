using System.Net;
using System.Net.Sockets;
using Ember.Host.RuntimeApi;

namespace Ember.Host.Tests.Core;

/// <summary>Telling which process holds the client end of a loopback connection.</summary>
public sealed class LoopbackPeerTests
{
    [Fact]
    public async Task IsHeldBy_TheConnectingProcess_IsTrue_AnyOtherIsFalse()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        using var accepted = await listener.AcceptSocketAsync();
        var clientEnd = (IPEndPoint)accepted.RemoteEndPoint!;
        var serverEnd = (IPEndPoint)accepted.LocalEndPoint!;

        Assert.True(LoopbackPeer.IsHeldBy(clientEnd, serverEnd, [Environment.ProcessId]));
        Assert.False(LoopbackPeer.IsHeldBy(clientEnd, serverEnd, [1]));
        Assert.False(LoopbackPeer.IsHeldBy(clientEnd, serverEnd, []));
    }

    [Theory]
    [InlineData(AddressFamily.InterNetwork)]
    [InlineData(AddressFamily.InterNetworkV6)]
    public async Task LoopbackTcpInode_ByNetlink_IsTheInodeTheConnectingSocketsDescriptorNames(AddressFamily family)
    {
        // Given a connection from an IPv4 socket, or from a dual-mode IPv6 one (as .NET makes them)
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var client = new Socket(family, SocketType.Stream, ProtocolType.Tcp);
        if (family == AddressFamily.InterNetworkV6)
        {
            client.DualMode = true;
        }
        await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        using var accepted = await listener.AcceptSocketAsync();
        var clientEnd = (IPEndPoint)accepted.RemoteEndPoint!;

        // When the kernel is asked for the client end's inode
        var inode = SocketDiagnostics.LoopbackTcpInode(clientEnd.Port, ((IPEndPoint)accepted.LocalEndPoint!).Port);

        // Then it is the socket this process's descriptor names
        var link = new FileInfo($"/proc/self/fd/{client.SafeHandle.DangerousGetHandle()}").LinkTarget;
        Assert.Equal(link, $"socket:[{inode}]");
    }

    [Fact]
    public void ClientSocketInode_FromTheKernelsTable_IsTheClientEndsEstablishedSocket()
    {
        string[] table =
        [
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
            "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1111 1 0000000000000000 100 0 0 10 0",
            "   1: 0100007F:1F90 0100007F:C350 01 00000000:00000000 00:00000000 00000000     0        0 2222 1 0000000000000000 20 4 30 10 -1",
            "   2: 0100007F:C351 0100007F:1F90 06 00000000:00000000 03:00000D8F 00000000     0        0 0 3 0000000000000000",
            "   3: 0100007F:C350 0100007F:1F90 01 00000000:00000000 00:00000000 00000000  1051        0 3333 1 0000000000000000 20 4 30 10 -1",
        ];

        Assert.Equal(3333, LoopbackPeer.ClientSocketInode(table, clientPort: 0xC350, serverPort: 0x1F90));
        Assert.Null(LoopbackPeer.ClientSocketInode(table, clientPort: 0xC351, serverPort: 0x1F90)); // TIME_WAIT: no socket holds it
        Assert.Null(LoopbackPeer.ClientSocketInode(table, clientPort: 0xC352, serverPort: 0x1F90));
    }
}
