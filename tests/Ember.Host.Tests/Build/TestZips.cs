using System.Buffers.Binary;
using System.IO.Compression;

namespace Ember.Host.Tests.Build;

/// <summary>Zips made in memory for tests, honest or lying about their sizes.</summary>
internal static class TestZips
{
    public static byte[] Zip(params (string Name, byte[] Content, UnixFileMode Mode)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content, mode) in entries)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                entry.ExternalAttributes = (int)mode << 16;
                using var target = entry.Open();
                target.Write(content);
            }
        }
        return stream.ToArray();
    }

    /// <summary>Rewrites the uncompressed size every header of the zip declares (central directory and local).</summary>
    public static byte[] DeclaringSize(byte[] zip, uint size, bool centralOnly = false)
    {
        var bytes = (byte[])zip.Clone();
        for (var i = 0; i + 4 <= bytes.Length; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i));
            if (signature == 0x02014b50)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + 24), size);
            }
            else if (signature == 0x04034b50 && !centralOnly)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + 22), size);
            }
        }
        return bytes;
    }
}
