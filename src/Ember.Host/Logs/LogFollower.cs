using System.Threading.Channels;

namespace Ember.Host.Logs;

/// <summary>
/// Reads a function's log file as <c>tail -f</c> does (what <c>ember logs -f</c> prints): every line
/// already there, then each new one as the host appends it, across the host's rotations (when
/// <see cref="FunctionLog"/> moves the file to <c>.1</c> and starts a new one, the rest of the old
/// file is read, then the new one from its start). The file system says when the file changes
/// (inotify, through <see cref="FileSystemWatcher"/>); nothing polls.
/// </summary>
internal static class LogFollower
{
    /// <summary>
    /// Passes each line of <paramref name="path"/> to <paramref name="line"/> until
    /// <paramref name="cancellationToken"/> is cancelled. The file need not exist yet; its directory must.
    /// </summary>
    public static async Task FollowAsync(string path, Action<string> line, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(line);
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath)!;
        var name = Path.GetFileName(path);
        // One pending wake-up is enough: each one makes the loop read everything there is.
        var changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        using var watcher = new FileSystemWatcher(directory, name)
        {
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        watcher.Changed += (_, _) => changed.Writer.TryWrite(true);
        watcher.Created += (_, _) => changed.Writer.TryWrite(true);
        watcher.Renamed += (_, _) => changed.Writer.TryWrite(true);
        watcher.Deleted += (_, _) => changed.Writer.TryWrite(true);
        // An overflow of the kernel's queue loses events, not lines: reading again finds them.
        watcher.Error += (_, _) => changed.Writer.TryWrite(true);
        watcher.EnableRaisingEvents = true;

        StreamReader? reader = null;
        var buffer = new char[16 * 1024];
        // A line the host has not finished writing waits here for its end, so no line is ever split in two.
        var partial = new System.Text.StringBuilder();
        try
        {
            while (true)
            {
                reader ??= Open(path);
                if (reader is not null)
                {
                    int read;
                    while ((read = await reader.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        Split(buffer.AsSpan(0, read), partial, line);
                    }
                    if (!StillAt(reader, fullPath))
                    {
                        if (partial.Length > 0)
                        {
                            line(partial.ToString());
                            partial.Clear();
                        }
                        // Rotated (or removed): what the old file still held has just been read; a new one is read from its start.
                        reader.Dispose();
                        reader = Open(path);
                        continue;
                    }
                }
                await changed.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            reader?.Dispose();
        }
    }

    private static void Split(ReadOnlySpan<char> text, System.Text.StringBuilder partial, Action<string> line)
    {
        int newline;
        while ((newline = text.IndexOf('\n')) >= 0)
        {
            partial.Append(text[..newline]);
            line(partial.ToString());
            partial.Clear();
            text = text[(newline + 1)..];
        }
        partial.Append(text);
    }

    /// <summary>Whether the file <paramref name="reader"/> has open is still the one at <paramref name="fullPath"/> (Linux names an open file in /proc/self/fd).</summary>
    private static bool StillAt(StreamReader reader, string fullPath)
    {
        var fd = ((FileStream)reader.BaseStream).SafeFileHandle.DangerousGetHandle();
        return new FileInfo($"/proc/self/fd/{fd}").LinkTarget == fullPath;
    }

    private static StreamReader? Open(string path)
    {
        try
        {
            return new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }
}
