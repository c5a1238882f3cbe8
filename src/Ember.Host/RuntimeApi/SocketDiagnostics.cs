using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Ember.Host.RuntimeApi;

/// <summary>
/// One TCP socket's inode, asked of the kernel by its exact addresses through netlink's
/// sock_diag (what <c>ss</c> uses): a hash lookup of microseconds, where reading
/// <c>/proc/net/tcp</c> walks the whole connection table (milliseconds on some kernels, whatever
/// the number of sockets). Loopback IPv4 only, as the Runtime API listens on 127.0.0.1.
/// </summary>
internal static partial class SocketDiagnostics
{
    private const int AfNetlink = 16;
    private const int AfInet = 2;
    private const int AfInet6 = 10;
    private const int SockDgram = 2;
    private const int SockCloexec = 0x80000;
    private const int NetlinkSockDiag = 4;
    private const ushort SockDiagByFamily = 20;
    private const ushort NlmFRequest = 1;
    private const int RequestLength = 72;
    private const int InodeOffset = 84;

    /// <summary>
    /// The inode of the TCP socket whose own end is 127.0.0.1:<paramref name="localPort"/> and whose
    /// peer is 127.0.0.1:<paramref name="remotePort"/> (an IPv4 socket, or a dual-mode IPv6 one using
    /// ::ffff:127.0.0.1); null when there is none, or netlink is not available.
    /// </summary>
    public static long? LoopbackTcpInode(int localPort, int remotePort)
    {
        var fd = socket(AfNetlink, SockDgram | SockCloexec, NetlinkSockDiag);
        if (fd < 0)
        {
            return null;
        }
        try
        {
            return Query(fd, AfInet, localPort, remotePort) ?? Query(fd, AfInet6, localPort, remotePort);
        }
        finally
        {
            close(fd);
        }
    }

    private static long? Query(int fd, int family, int localPort, int remotePort)
    {
        Span<byte> request = stackalloc byte[RequestLength];
        request.Clear();
        // struct nlmsghdr
        BinaryPrimitives.WriteUInt32LittleEndian(request, RequestLength);
        BinaryPrimitives.WriteUInt16LittleEndian(request[4..], SockDiagByFamily);
        BinaryPrimitives.WriteUInt16LittleEndian(request[6..], NlmFRequest);
        BinaryPrimitives.WriteUInt32LittleEndian(request[8..], 1);
        // struct inet_diag_req_v2: family, protocol (TCP), ext, pad, states (all)
        request[16] = (byte)family;
        request[17] = 6;
        BinaryPrimitives.WriteUInt32LittleEndian(request[20..], uint.MaxValue);
        // struct inet_diag_sockid: sport, dport (network order), src[4], dst[4], if, cookie (none)
        var id = request[24..];
        BinaryPrimitives.WriteUInt16BigEndian(id, (ushort)localPort);
        BinaryPrimitives.WriteUInt16BigEndian(id[2..], (ushort)remotePort);
        WriteLoopback(id.Slice(4, 16), family);
        WriteLoopback(id.Slice(20, 16), family);
        BinaryPrimitives.WriteUInt32LittleEndian(id[40..], uint.MaxValue);
        BinaryPrimitives.WriteUInt32LittleEndian(id[44..], uint.MaxValue);

        if (send(fd, request, RequestLength, 0) != RequestLength)
        {
            return null;
        }
        Span<byte> reply = stackalloc byte[1024];
        var received = recv(fd, reply, reply.Length, 0);
        if (received < InodeOffset + 4 || BinaryPrimitives.ReadUInt16LittleEndian(reply[4..]) != SockDiagByFamily)
        {
            // NLMSG_ERROR: no such socket (ENOENT), or a kernel without this family's diag module.
            return null;
        }
        return BinaryPrimitives.ReadUInt32LittleEndian(reply[InodeOffset..]);
    }

    private static void WriteLoopback(Span<byte> address, int family)
    {
        ReadOnlySpan<byte> loopback = [127, 0, 0, 1];
        if (family == AfInet)
        {
            loopback.CopyTo(address);
            return;
        }
        // ::ffff:127.0.0.1
        address[10] = 0xff;
        address[11] = 0xff;
        loopback.CopyTo(address[12..]);
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int socket(int domain, int type, int protocol);

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint send(int fd, ReadOnlySpan<byte> buffer, nint length, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint recv(int fd, Span<byte> buffer, nint length, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int close(int fd);
}
