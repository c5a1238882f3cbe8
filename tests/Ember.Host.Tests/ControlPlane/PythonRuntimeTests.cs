using Ember.Host.Environments;
using Ember.Host.Runtimes;
using Ember.Host.Tests.Functional;
using Xunit.Abstractions;

namespace Ember.Host.Tests.ControlPlane;

/// <summary>A host without --python-compat: a python3.X function runs on a Python 3.X, or is refused naming what this machine has.</summary>
public sealed class StrictPythonHost : ControlPlaneHost
{
    private protected override HostOptions Configure(HostOptions options) => base.Configure(options) with { PythonCompat = false };
}

public sealed class PythonRuntimeTests(StrictPythonHost host, ITestOutputHelper output) : IClassFixture<StrictPythonHost>, IDisposable
{
    public void Dispose() => host.Dump(output);

    /// <summary>A python3.X this machine cannot run for the environments' users (3.8 to 3.14), or null when it has them all.</summary>
    private static string? MissingPython()
    {
        var pythons = PythonInterpreters.Discover(forOtherUsers: SandboxUsers.Detect(out _) is not null);
        return Enumerable.Range(8, 7).Where(minor => !pythons.Usable.ContainsKey(minor)).Select(minor => $"python3.{minor}").FirstOrDefault();
    }

    [SkippableFact]
    public async Task CreateFunction_PythonThisMachineCannotRun_IsRefusedNamingWhatItHas()
    {
        var missing = MissingPython();
        Skip.If(missing is null, "this machine has every Python 3.8-3.14");

        var (code, _, stderr) = await host.AwsAsync("create-function", "--function-name", "too-new", "--runtime", missing!, "--handler", "handlers.echo",
            "--role", "arn:aws:iam::000000000000:role/lambda", "--zip-file", "fileb://" + host.PythonZip());

        Assert.NotEqual(0, code);
        Assert.Contains("InvalidParameterValueException", stderr);
        Assert.Contains($"Runtime '{missing}' cannot run faithfully on this machine", stderr);
        Assert.Contains("--python-compat", stderr);
    }

    [SkippableFact]
    public async Task CreateFunction_PythonThisMachineHas_RunsOnThatVersionAndSaysNothingOfASubstitute()
    {
        var pythons = PythonInterpreters.Discover(forOtherUsers: SandboxUsers.Detect(out _) is not null);
        Skip.If(pythons.Usable.Count == 0, "no Python 3 here");
        var (minor, _) = pythons.Usable.First();

        await host.AwsJsonAsync("create-function", "--function-name", "own-python", "--runtime", $"python3.{minor}", "--handler", "handlers.echo",
            "--role", "arn:aws:iam::000000000000:role/lambda", "--zip-file", "fileb://" + host.PythonZip(), "--memory-size", "1769");
        var (status, _, _, tail) = await host.InvokeWithTailAsync("own-python");

        Assert.Equal(200, status);
        var initStart = Assert.Single(host.LogLinesOf("own-python"), l => l.StartsWith("INIT_START", StringComparison.Ordinal));
        Assert.DoesNotContain("--python-compat", initStart);
        Assert.Contains($"python:3.{minor}.ember", initStart);
    }
}

/// <summary>With --python-compat, a function of a Python this machine lacks runs on its python3, and INIT_START says so.</summary>
public sealed class PythonCompatTests(ControlPlaneHost host) : IClassFixture<ControlPlaneHost>
{
    [SkippableFact]
    public async Task PythonThisMachineLacks_RunsOnItsPython3_AndInitStartSaysSo()
    {
        var pythons = PythonInterpreters.Discover(forOtherUsers: SandboxUsers.Detect(out _) is not null);
        var missing = Enumerable.Range(8, 7).Where(minor => !pythons.Usable.ContainsKey(minor)).Select(minor => $"python3.{minor}").FirstOrDefault();
        Skip.If(missing is null, "this machine has every Python 3.8-3.14");

        await host.AwsJsonAsync("create-function", "--function-name", "compat", "--runtime", missing!, "--handler", "handlers.echo",
            "--role", "arn:aws:iam::000000000000:role/lambda", "--zip-file", "fileb://" + host.PythonZip(), "--memory-size", "1769");
        var (status, _, _, _) = await host.InvokeWithTailAsync("compat");

        Assert.Equal(200, status);
        var initStart = Assert.Single(host.LogLinesOf("compat"), l => l.StartsWith("INIT_START", StringComparison.Ordinal));
        Assert.Contains($"python:{missing!["python".Length..]}.ember (on Python ", initStart);
        Assert.Contains("--python-compat)", initStart);
    }
}
