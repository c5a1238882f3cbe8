using System.IO.Compression;
using Ember.Host.Build;

namespace Ember.Host.Tests.Build;

public sealed class DeploymentZipTests
{
    [Fact]
    public void Write_ArtifactDir_PutsExecutableBootstrapAtRoot()
    {
        // Given
        using var tree = new TempTree();
        tree.Write("bootstrap", "#!/bin/sh\n");
        tree.Write("lib/data.json", "{}");
        tree.Write(".ember-build-complete", "x");
        var zipPath = Path.Combine(tree.Root, "out", "function.zip");

        // When
        DeploymentZip.Write(tree.Source, zipPath, new HashSet<string> { ".ember-build-complete" });

        // Then
        using var zip = ZipFile.OpenRead(zipPath);
        Assert.Equal(["bootstrap", "lib/data.json"], zip.Entries.Select(e => e.FullName));
        Assert.Equal(0x81ED, (zip.GetEntry("bootstrap")!.ExternalAttributes >> 16) & 0xFFFF);
        Assert.Equal(0x81A4, (zip.GetEntry("lib/data.json")!.ExternalAttributes >> 16) & 0xFFFF);
    }

    [Fact]
    public void Write_SameFilesTwice_ByteIdenticalZips()
    {
        // Given
        using var tree = new TempTree();
        tree.Write("bootstrap", "#!/bin/sh\n");
        var first = Path.Combine(tree.Root, "a.zip");
        var second = Path.Combine(tree.Root, "b.zip");

        // When
        DeploymentZip.Write(tree.Source, first, new HashSet<string>());
        File.SetLastWriteTimeUtc(Path.Combine(tree.Source, "bootstrap"), DateTime.UtcNow.AddDays(-3));
        DeploymentZip.Write(tree.Source, second, new HashSet<string>());

        // Then
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
    }
}
