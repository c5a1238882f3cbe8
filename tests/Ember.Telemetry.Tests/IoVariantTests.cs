namespace Ember.Telemetry.Tests;

/// <summary>
/// The I/O-bound variant (functions/telemetry-io) aggregates with the compute variant's own code: the
/// Python package carries a copy of app.py (a package must hold its files: a link out of the code
/// folder is not there in the function's environment, nor in a deployed zip), and the Go build reads
/// telemetry.go through a link. Neither may drift from the compute variant.
/// </summary>
public sealed class IoVariantTests
{
    private static string Io => Path.Combine(RepositoryPaths.Root, "functions", "telemetry-io");

    [Fact]
    public void Python_TelemetryModule_IsTheComputeVariantsAppByteForByte()
    {
        Assert.Equal(
            File.ReadAllBytes(Path.Combine(RepositoryPaths.Telemetry, "python", "app.py")),
            File.ReadAllBytes(Path.Combine(Io, "python", "telemetry.py")));
    }

    [Fact]
    public void Go_TelemetryFile_IsTheComputeVariantsByteForByte()
    {
        Assert.Equal(
            File.ReadAllBytes(Path.Combine(RepositoryPaths.Telemetry, "go", "telemetry.go")),
            File.ReadAllBytes(Path.Combine(Io, "go", "telemetry.go")));
    }
}
