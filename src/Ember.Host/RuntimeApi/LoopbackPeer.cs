using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;

namespace Ember.Host.RuntimeApi;

/// <summary>
/// Who holds the other end of a loopback TCP connection. The kernel names the inode of the client's
/// socket (<see cref="SocketDiagnostics"/>, else its table <c>/proc/net/tcp</c>); a process holds it when one of
/// its <c>/proc/&lt;pid&gt;/fd</c> links reads <c>socket:[inode]</c>. Only the candidates are looked
/// at (an environment's own few processes), so the check costs a few small reads per connection.
/// </summary>
internal static partial class LoopbackPeer
{
    // The client end is an IPv4 socket (/proc/net/tcp), or a dual-mode IPv6 one connected to
    // ::ffff:127.0.0.1 (/proc/net/tcp6), as .NET's sockets are by default.
    private static readonly (string Table, string Loopback)[] s_tables =
    [
        ("/proc/net/tcp", "0100007F"),
        ("/proc/net/tcp6", "0000000000000000FFFF00000100007F"),
    ];

    /// <summary>True when one of <paramref name="pids"/> holds the client end of the connection from <paramref name="client"/> to <paramref name="server"/>.</summary>
    public static bool IsHeldBy(IPEndPoint client, IPEndPoint server, IEnumerable<int> pids)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(pids);
        // Netlink's exact lookup first; the tables (slow to read on some kernels) where it is not available.
        var inode = SocketDiagnostics.LoopbackTcpInode(client.Port, server.Port) ?? s_tables
            .Select(t => File.Exists(t.Table) ? ClientSocketInode(File.ReadLines(t.Table), client.Port, server.Port, t.Loopback) : null)
            .FirstOrDefault(i => i is not null);
        if (inode is null)
        {
            return false;
        }
        var socket = $"socket:[{inode.Value.ToString(CultureInfo.InvariantCulture)}]";
        return pids.Any(pid => Holds(pid, socket));
    }

    /// <summary>
    /// The inode of the socket whose local port is <paramref name="clientPort"/> and remote port
    /// <paramref name="serverPort"/>, both on 127.0.0.1, from the lines of <c>/proc/net/tcp</c>.
    /// </summary>
    internal static long? ClientSocketInode(IEnumerable<string> table, int clientPort, int serverPort, string loopback = "0100007F")
    {
        // "  sl  local_address rem_address   st tx_queue:rx_queue tr:tm->when retrnsmt   uid  timeout inode"
        // "   3: 0100007F:A1B2 0100007F:1F90 01 00000000:00000000 00:00000000 00000000     0        0 123456 …"
        var local = string.Create(CultureInfo.InvariantCulture, $"{loopback}:{clientPort:X4}");
        var remote = string.Create(CultureInfo.InvariantCulture, $"{loopback}:{serverPort:X4}");
        foreach (var line in table)
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 9 && fields[1] == local && fields[2] == remote
                && long.TryParse(fields[9], NumberStyles.None, CultureInfo.InvariantCulture, out var inode) && inode != 0)
            {
                return inode;
            }
        }
        return null;
    }

    /// <summary>
    /// Whether the process has a descriptor naming <paramref name="socket"/>, newest descriptors
    /// first: a runtime's Runtime API connection is among the last it opened, so the search usually
    /// ends at once, one readlink per descriptor looked at.
    /// </summary>
    private static bool Holds(int pid, string socket)
    {
        var directory = $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/fd/";
        int[] descriptors;
        try
        {
            descriptors = [.. Directory.EnumerateFileSystemEntries(directory)
                .Select(path => int.TryParse(Path.GetFileName(path), NumberStyles.None, CultureInfo.InvariantCulture, out var fd) ? fd : -1)
                .Where(fd => fd >= 0)
                .OrderDescending()];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The process ended while being looked at: it holds nothing now.
            return false;
        }
        Span<byte> target = stackalloc byte[64];
        Span<byte> expected = stackalloc byte[64];
        var expectedLength = Encoding.ASCII.GetBytes(socket, expected);
        foreach (var fd in descriptors)
        {
            var length = ReadLink(directory + fd.ToString(CultureInfo.InvariantCulture), target);
            if (length == expectedLength && target[..length].SequenceEqual(expected[..expectedLength]))
            {
                return true;
            }
        }
        return false;
    }

    private static int ReadLink(string path, Span<byte> buffer)
    {
        var read = readlink(path, buffer, buffer.Length);
        return read < 0 ? -1 : (int)read;
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial nint readlink(string path, Span<byte> buffer, nint size);
}
