using Ember.Tests.Shared;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Ember.Lambda.Tests.Fakes;
using Xunit.Abstractions;

namespace Ember.Lambda.Tests.Aot;

/// <summary>
/// Publishes examples/hello-dotnet with Native AOT and fails on any trim or AOT warning, as
/// Amazon.Lambda.RuntimeSupport's NativeAOTTests do; then runs the executable against a fake Runtime API.
/// </summary>
[Trait("Category", "Slow")]
public sealed partial class NativeAotPublishTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Publish_HelloDotnet_HasNoTrimOrAotWarningsAndServesInvocations()
    {
        // Given: a separate artifacts path, so the publish does not touch the test run's own outputs
        var root = RepositoryRoot.Find();
        using var work = new TempDirectory("ember-aot-");
        {
            var publishDir = work.File("publish");
            var (exitCode, log) = await RunAsync("dotnet",
                ["publish", Path.Combine(root, "examples", "hello-dotnet", "hello-dotnet.csproj"), "-r", "linux-x64", "-c", "Release",
                 "-p:PublishAot=true", "-p:TreatWarningsAsErrors=false", "--artifacts-path", work.File("artifacts"), "-o", publishDir, "-nologo"],
                environment: null);

            // Then: no IL2xxx (trim) or IL3xxx (AOT) diagnostics, and an executable named bootstrap
            var diagnostics = IlDiagnostic().Matches(log).Select(m => m.Value).Distinct().ToArray();
            Assert.True(diagnostics.Length == 0, "trim/AOT warnings:\n" + string.Join('\n', diagnostics));
            Assert.True(exitCode == 0, "publish failed:\n" + log);
            var bootstrap = Path.Combine(publishDir, "bootstrap");
            Assert.True(File.Exists(bootstrap));
            Assert.False(File.Exists(Path.Combine(publishDir, "bootstrap.dll")), "not a Native AOT publish");

            // When: the executable serves two invocations
            await using var api = new FakeRuntimeApi();
            api.Enqueue(FakeEvent.Json("ok", """{"name":"x"}"""));
            api.Enqueue(FakeEvent.Json("bad", """{"fail":true}"""));
            using var process = Process.Start(new ProcessStartInfo(bootstrap)
            {
                Environment = { ["AWS_LAMBDA_RUNTIME_API"] = api.Endpoint },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            try
            {
                var success = await api.NextPostAsync();
                var failure = await api.NextPostAsync();

                // Then
                Assert.Equal("/2018-06-01/runtime/invocation/ok/response", success.Path);
                Assert.Equal("""{"message":"Hello, x"}""", success.BodyText);
                Assert.Equal("/2018-06-01/runtime/invocation/bad/error", failure.Path);
                Assert.Equal("InvalidOperationException", failure.Headers["Lambda-Runtime-Function-Error-Type"]);
                Assert.StartsWith("""{"errorMessage":"The caller asked this invocation to fail.","errorType":"InvalidOperationException","stackTrace":["at HelloDotnet.HelloFunction.Handle""", failure.BodyText);
            }
            finally
            {
                process.Kill();
                await process.WaitForExitAsync();
            }

            // And: without AWS_LAMBDA_RUNTIME_API it exits non-zero and says why
            var (missingExit, missingLog) = await RunAsync(bootstrap, [], new Dictionary<string, string?> { ["AWS_LAMBDA_RUNTIME_API"] = null });
            Assert.Equal(1, missingExit);
            Assert.Contains("AWS_LAMBDA_RUNTIME_API is not set", missingLog);
        }
    }

    private async Task<(int ExitCode, string Log)> RunAsync(string file, string[] arguments, Dictionary<string, string?>? environment)
    {
        var result = await ProcessRunner.RunAsync(file, arguments, TimeSpan.FromMinutes(15), environment: environment);
        output.WriteLine($"$ {file} {string.Join(' ', arguments)}\n{result.Output}");
        return (result.ExitCode, result.Output);
    }

    [GeneratedRegex(@"\b(warning|error) IL[23]\d{3}\b[^\r\n]*")]
    private static partial Regex IlDiagnostic();
}
