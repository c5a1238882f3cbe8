using Ember.Host.Functions;

namespace Ember.Host.Tests.Build;

/// <summary>Unpacking a deployment package within Lambda's limits, whatever the zip declares.</summary>
public sealed class DeploymentArchiveTests : IDisposable
{
    private readonly TempDirectory _temp = new("ember-archive-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Extract_Package_WritesItsFilesWithTheirModes()
    {
        var zip = TestZips.Zip(("bootstrap", "#!/bin/sh\n"u8.ToArray(), (UnixFileMode)0b111_101_101), ("lib/app.py", "x = 1\n"u8.ToArray(), (UnixFileMode)0b110_100_100));
        var target = _temp.File("code");

        DeploymentArchive.Extract(new MemoryStream(zip), target);

        Assert.Equal("#!/bin/sh\n", File.ReadAllText(Path.Combine(target, "bootstrap")));
        Assert.True(File.GetUnixFileMode(Path.Combine(target, "bootstrap")).HasFlag(UnixFileMode.UserExecute));
        Assert.Equal("x = 1\n", File.ReadAllText(Path.Combine(target, "lib", "app.py")));
    }

    [Fact]
    public void Extract_DeclaredOverTheLimit_RefusesWithLambdasMessageBeforeWriting()
    {
        var zip = TestZips.DeclaringSize(TestZips.Zip(("big.bin", new byte[1000], UnixFileMode.UserRead)), 300_000_000, centralOnly: true);
        var target = _temp.File("code");

        var error = Assert.Throws<InvalidDataException>(() => DeploymentArchive.Extract(new MemoryStream(zip), target));

        Assert.Equal("Unzipped size must be smaller than 262144000 bytes", error.Message);
        Assert.False(Directory.Exists(target));
    }

    [Fact]
    public void Extract_InflatingPastWhatItDeclares_NeverWritesMoreThanTheLimit()
    {
        // Given a zip bomb: 2 MB of zeros (a few KB compressed) that declares 10 bytes
        var zip = TestZips.DeclaringSize(TestZips.Zip(("zeros.bin", new byte[2 * 1024 * 1024], UnixFileMode.UserRead)), 10);
        var target = _temp.File("code");

        // When it is unpacked with a 1 MB limit
        try
        {
            DeploymentArchive.Extract(new MemoryStream(zip), target, maxBytes: 1024 * 1024);
        }
        catch (InvalidDataException e)
        {
            // Refused (by the count, or by a zip reader that checks sizes): nothing may stay.
            Assert.Equal(DeploymentArchive.TooLargeMessage(1024 * 1024), e.Message);
            Assert.False(Directory.Exists(target));
            return;
        }

        // Then what was written stays within the limit (.NET's reader stops at the declared size)
        Assert.InRange(new FileInfo(Path.Combine(target, "zeros.bin")).Length, 0, 1024 * 1024);
    }

    [Fact]
    public void Extract_EntryOutsideItsFolder_IsRefusedAndLeavesNothing()
    {
        var zip = TestZips.Zip(("../escaped.txt", "x"u8.ToArray(), UnixFileMode.UserRead));
        var target = _temp.File("code");

        var error = Assert.Throws<InvalidDataException>(() => DeploymentArchive.Extract(new MemoryStream(zip), target));

        Assert.Contains("'../escaped.txt'", error.Message);
        Assert.False(Directory.Exists(target));
        Assert.False(File.Exists(_temp.File("escaped.txt")));
    }

    [Fact]
    public void Extract_NotAZip_IsInvalidDataAndLeavesNothing()
    {
        var target = _temp.File("code");

        Assert.Throws<InvalidDataException>(() => DeploymentArchive.Extract(new MemoryStream("not a zip"u8.ToArray()), target));

        Assert.False(Directory.Exists(target));
    }
}
