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
        using var work = new TempDirectory("ember-sigterm-");
        {
            var outDir = work.File("out");
            var project = Path.Combine(root, "tests", "Ember.Lambda.Tests", "Fixtures", "ShutdownProbe", "ShutdownProbe.csproj");
            Assert.Equal(0, await RunAsync("dotnet", ["build", project, "-c", "Release", "--artifacts-path", work.File("artifacts"), "-o", outDir, "-nologo"]));
            await using var api = new FakeRuntimeApi();
            using var process = Process.Start(new ProcessStartInfo("dotnet", [Path.Combine(outDir, "ShutdownProbe.dll")])
            {
                Environment = { ["AWS_LAMBDA_RUNTIME_API"] = api.Endpoint },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            try
            {
                var stdout = process.StandardOutput.ReadToEndAsync();
                var stderr = process.StandardError.ReadToEndAsync();
                await Poll.UntilAsync(() => api.ConnectionCount > 0 || process.HasExited, TimeSpan.FromSeconds(60));
                Assert.True(api.ConnectionCount > 0, "the probe never called /next");

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
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
            }
        }
    }

    private async Task<int> RunAsync(string file, string[] arguments)
    {
        var result = await ProcessRunner.RunAsync(file, arguments, TimeSpan.FromMinutes(10));
        if (result.ExitCode != 0)
        {
            output.WriteLine(result.Output);
        }
        return result.ExitCode;
    }
}
