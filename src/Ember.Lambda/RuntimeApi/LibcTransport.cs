using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Ember.Lambda.RuntimeApi;

/// <summary>
/// A blocking IPv4 TCP connection through libc's socket calls, with no System.Net.Sockets machinery
/// (no epoll thread, no socket context) to start.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed partial class LibcTransport : RuntimeTransport
{
    // The full soname: a bare "libc" makes the runtime probe a dozen paths before it finds it.
    // An AOT app can bind these calls at link time with <DirectPInvoke Include="libc.so.6" />.
    private const string Libc = "libc.so.6";
    private const int AfInet = 2;
    private const int SockStream = 1;
    private const int SockCloexec = 0x80000;
    private const int IpprotoTcp = 6;
    private const int TcpNodelay = 1;
    private const int MsgNosignal = 0x4000;
    private const int ShutRdwr = 2;
    private const int Eintr = 4;

    private int _fd;

    private LibcTransport(int fd)
    {
        _fd = fd;
    }

    public static LibcTransport Connect(IPAddress address, int port)
    {
        var fd = socket(AfInet, SockStream | SockCloexec, IpprotoTcp);
        if (fd < 0)
        {
            throw LastError();
        }

        try
        {
            var one = 1;
            unsafe
            {
                _ = setsockopt(fd, IpprotoTcp, TcpNodelay, &one, sizeof(int));
            }

            var sockaddr = new SockaddrIn
            {
                Family = AfInet,
                Port = (ushort)IPAddress.HostToNetworkOrder((short)port),
            };
#pragma warning disable CS0618 // IPv4 only, checked by the caller: the 32-bit form is exactly what sockaddr_in wants.
            sockaddr.Address = (uint)address.Address;
#pragma warning restore CS0618
            int result;
            unsafe
            {
                do
                {
                    result = connect(fd, &sockaddr, sizeof(SockaddrIn));
                }
                while (result < 0 && Marshal.GetLastPInvokeError() == Eintr);
            }

            if (result < 0)
            {
                throw LastError();
            }

            return new LibcTransport(fd);
        }
        catch
        {
            _ = close(fd);
            throw;
        }
    }

    public override unsafe int Send(ReadOnlySpan<byte> bytes)
    {
        fixed (byte* pointer = bytes)
        {
            while (true)
            {
                var sent = send(Fd(), pointer, (nint)bytes.Length, MsgNosignal);
                if (sent >= 0)
                {
                    return (int)sent;
                }

                if (Marshal.GetLastPInvokeError() != Eintr)
                {
                    throw LastError();
                }
            }
        }
    }

    public override unsafe int Receive(Span<byte> buffer)
    {
        fixed (byte* pointer = buffer)
        {
            while (true)
            {
                var read = recv(Fd(), pointer, (nint)buffer.Length, 0);
                if (read >= 0)
                {
                    return (int)read;
                }

                if (Marshal.GetLastPInvokeError() != Eintr)
                {
                    throw LastError();
                }
            }
        }
    }

    // shutdown, not close: a recv blocked on another thread returns 0, and the descriptor number
    // cannot be reused under it before Dispose.
    public override void Abort()
    {
        var fd = Volatile.Read(ref _fd);
        if (fd >= 0)
        {
            _ = shutdown(fd, ShutRdwr);
        }
    }

    public override void Dispose()
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
        {
            _ = close(fd);
        }
    }

    private int Fd()
    {
        var fd = Volatile.Read(ref _fd);
        ObjectDisposedException.ThrowIf(fd < 0, this);
        return fd;
    }

    private static SocketException LastError() => new(Marshal.GetLastPInvokeError());

    [StructLayout(LayoutKind.Sequential)]
    private struct SockaddrIn
    {
        public ushort Family;
        public ushort Port;
        public uint Address;
        public ulong Zero;
    }

    [LibraryImport(Libc, EntryPoint = "socket", SetLastError = true)]
    private static partial int socket(int domain, int type, int protocol);

    [LibraryImport(Libc, EntryPoint = "setsockopt", SetLastError = true)]
    private static unsafe partial int setsockopt(int fd, int level, int name, void* value, int length);

    [LibraryImport(Libc, EntryPoint = "connect", SetLastError = true)]
    private static unsafe partial int connect(int fd, SockaddrIn* address, int length);

    [LibraryImport(Libc, EntryPoint = "send", SetLastError = true)]
    private static unsafe partial nint send(int fd, byte* buffer, nint length, int flags);

    [LibraryImport(Libc, EntryPoint = "recv", SetLastError = true)]
    private static unsafe partial nint recv(int fd, byte* buffer, nint length, int flags);

    [LibraryImport(Libc, EntryPoint = "shutdown", SetLastError = true)]
    private static partial int shutdown(int fd, int how);

    [LibraryImport(Libc, EntryPoint = "close", SetLastError = true)]
    private static partial int close(int fd);
}
