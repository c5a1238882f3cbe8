using System.Buffers;
using System.Buffers.Text;
using Microsoft.Win32.SafeHandles;

namespace Ember.Host.Environments.Isolation;

/// <summary>
/// A file the kernel writes as it is read (a cgroup control file, /proc/PID/status), opened once and read again
/// from its start at each use: one pread instead of the open, fstat, lock, read, read, unlock and close of reading
/// it by name. The end of every warm invocation reads a few of them.
/// </summary>
internal sealed class KernelFile : IDisposable
{
    private readonly SafeFileHandle _handle;

    private KernelFile(SafeFileHandle handle) => _handle = handle;

    /// <summary>The file, open for reading; null when it does not exist (a process gone, a group removed) or cannot be read.</summary>
    public static KernelFile? TryOpen(string path)
    {
        try
        {
            return new KernelFile(File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// The whole file now, into a buffer from <paramref name="pool"/> (return it with <see cref="ArrayPool{T}.Return"/>);
    /// <c>Length</c> 0 when it can no longer be read (its process has exited). A file the kernel writes as one record
    /// (<paramref name="oneRecord"/>: a number, /proc/PID/status) is whole after a read that did not fill the buffer;
    /// one of many records (cgroup.procs) is read until a read returns nothing, as the kernel may stop short of a record
    /// that does not fit.
    /// </summary>
    public (byte[] Buffer, int Length) Read(ArrayPool<byte> pool, bool oneRecord = false)
    {
        var buffer = pool.Rent(4096);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = pool.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    pool.Return(buffer);
                    buffer = larger;
                }
                var space = buffer.Length - length;
                var read = RandomAccess.Read(_handle, buffer.AsSpan(length), length);
                length += read;
                if (read == 0 || (oneRecord && read < space))
                {
                    return (buffer, length);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (buffer, 0);
        }
    }

    /// <summary>A file holding one number; null when unreadable or not a number.</summary>
    public long? ReadNumber()
    {
        var (buffer, length) = Read(ArrayPool<byte>.Shared, oneRecord: true);
        try
        {
            var text = buffer.AsSpan(0, length).Trim((byte)'\n').Trim((byte)' ');
            return Utf8Parser.TryParse(text, out long value, out var consumed) && consumed == text.Length ? value : null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>One number per line (cgroup.procs), added to <paramref name="into"/>.</summary>
    public void ReadNumbers(List<int> into)
    {
        var (buffer, length) = Read(ArrayPool<byte>.Shared);
        try
        {
            foreach (var range in buffer.AsSpan(0, length).Split((byte)'\n'))
            {
                var line = buffer.AsSpan(0, length)[range].Trim((byte)' ');
                if (Utf8Parser.TryParse(line, out int value, out var consumed) && consumed == line.Length)
                {
                    into.Add(value);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>"VmRSS:\t  1234 kB" → 1234 × 1024; 0 when absent.</summary>
    internal static long StatusField(ReadOnlySpan<byte> text, ReadOnlySpan<byte> field)
    {
        foreach (var range in text.Split((byte)'\n'))
        {
            var line = text[range];
            if (line.Length > field.Length && line.StartsWith(field) && line[field.Length] == (byte)':')
            {
                var rest = line[(field.Length + 1)..].TrimStart("\t "u8);
                return Utf8Parser.TryParse(rest, out long kb, out _) ? kb * 1024 : 0;
            }
        }
        return 0;
    }

    public void Dispose() => _handle.Dispose();
}
