using System.IO.Compression;
using Ember.Host.Functions;

namespace Ember.Lab.Targets;

/// <summary>A function's package as Lambda counts it: the deployment zip's bytes, and the code unzipped.</summary>
internal readonly record struct PackageSize(long ZippedBytes, long UnzippedBytes)
{
    /// <summary>
    /// Zips a code folder as <c>sam build</c> would package it (deflate, every file but bytecode
    /// caches) into a stream that only counts, and adds up the files.
    /// </summary>
    public static PackageSize Of(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        using var counter = new CountingStream();
        long unzipped = 0;
        using (var zip = new ZipArchive(counter, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in FunctionLoader.PackageFiles(directory).OrderBy(f => f.FullName, StringComparer.Ordinal))
            {
                var entry = zip.CreateEntry(Path.GetRelativePath(directory, file.FullName), CompressionLevel.Optimal);
                using var input = file.OpenRead();
                using var output = entry.Open();
                input.CopyTo(output);
                unzipped += input.Length;
            }
        }
        return new PackageSize(counter.Count, unzipped);
    }

    /// <summary>A write-only stream that keeps nothing but the number of bytes written.</summary>
    private sealed class CountingStream : Stream
    {
        public long Count { get; private set; }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => Count;

        public override long Position
        {
            get => Count;
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => Count += count;

        public override void Write(ReadOnlySpan<byte> buffer) => Count += buffer.Length;

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
