using Ember.Tests.Shared;
using System.Diagnostics;
using Ember.Lambda.Tests.Fakes;
using Xunit.Abstractions;

namespace Ember.Lambda.Tests.Aot;

/// <summary>SIGTERM on a real function process: the registered callback runs, then the process exits 0.</summary>
[Trait("Category", "Slow")]
public sealed class ShutdownTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Sigterm_WhileWaitingForNext_RunsShutdownCallbackAndExitsZero()
    {
        // Given: the probe function built and waiting on /next
        var root = RepositoryRoot.Find();
        var work = Directory.CreateTempSubdirectory("ember-sigterm-");
        try
        {
            var outDir = Path.Combine(work.FullName, "out");
            var project = Path.Combine(root, "tests", "Ember.Lambda.Tests", "Fixtures", "ShutdownProbe", "ShutdownProbe.csproj");
            Assert.Equal(0, await RunAsync("dotnet", ["build", project, "-c", "Release", "--artifacts-path", Path.Combine(work.FullName, "artifacts"), "-o", outDir, "-nologo"]));
            await using var api = new FakeRuntimeApi();
            using var process = Process.Start(new ProcessStartInfo("dotnet", [Path.Combine(outDir, "ShutdownProbe.dll")])
            {
                Environment = { ["AWS_LAMBDA_RUNTIME_API"] = api.Endpoint },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (api.ConnectionCount == 0)
            {
                Assert.True(DateTime.UtcNow < deadline && !process.HasExited, "the probe never called /next");
                await Task.Delay(20);
            }

            // When
            Assert.Equal(0, await RunAsync("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]));
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

            // Then
            output.WriteLine(await stdout + await stderr);
            Assert.Equal(0, process.ExitCode);
            Assert.Equal("shutdown callback ran\n", await stdout);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private async Task<int> RunAsync(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var log = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            output.WriteLine(log);
        }

        return process.ExitCode;
    }
}
