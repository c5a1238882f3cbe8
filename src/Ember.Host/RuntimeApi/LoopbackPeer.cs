using System.Globalization;
using System.Net;

namespace Ember.Host.RuntimeApi;

/// <summary>
/// Who holds the other end of a loopback TCP connection. The kernel's socket table
/// (<c>/proc/net/tcp</c>) names the inode of the client's socket; a process holds it when one of
/// its <c>/proc/&lt;pid&gt;/fd</c> links reads <c>socket:[inode]</c>. Only the candidates are looked
/// at (an environment's own few processes), so the check costs a few small reads per connection.
/// </summary>
internal static class LoopbackPeer
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
        var inode = s_tables
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

    private static bool Holds(int pid, string socket)
    {
        try
        {
            foreach (var fd in Directory.EnumerateFileSystemEntries($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/fd"))
            {
                if (new FileInfo(fd).LinkTarget == socket)
                {
                    return true;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The process ended, or its fds closed, while being looked at: it holds nothing now.
        }
        return false;
    }
}
