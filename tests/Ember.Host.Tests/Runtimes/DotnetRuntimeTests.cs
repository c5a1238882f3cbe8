using Ember.Host.Runtimes;

namespace Ember.Host.Tests.Runtimes;

public sealed class DotnetRuntimeTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    /// <summary>A dotnet executable with the given Microsoft.NETCore.App versions beside it, as an install lays them out.</summary>
    private string FakeDotnet(params string[] versions)
    {
        var muxer = Path.Combine(_root.Path, "dotnet");
        File.WriteAllText(muxer, "#!/bin/sh\n");
        File.SetUnixFileMode(muxer, (UnixFileMode)0x1ED);
        foreach (var version in versions)
        {
            Directory.CreateDirectory(Path.Combine(_root.Path, "shared", "Microsoft.NETCore.App", version));
        }
        return muxer;
    }

    [Fact]
    public void WhyNot_RuntimeWhoseDotnetIsInstalled_IsNull()
    {
        var dotnets = DotnetRuntimes.Discover(forOtherUsers: false, [FakeDotnet("10.0.12")]);

        Assert.Null(dotnets.WhyNot("dotnet10"));
        Assert.Equal(new Version(10, 0, 12), Assert.Single(dotnets.Versions));
    }

    [Fact]
    public void WhyNot_RuntimeWhoseDotnetIsMissing_NamesWhatTheMachineHasAndWhatToDo()
    {
        var dotnets = DotnetRuntimes.Discover(forOtherUsers: false, [FakeDotnet("10.0.12", "9.0.1")]);

        var why = dotnets.WhyNot("dotnet8");

        Assert.NotNull(why);
        Assert.Contains("Runtime 'dotnet8' cannot run faithfully on this machine, which has only .NET 9.0.1, 10.0.12", why);
        Assert.Contains("apt: dotnet-runtime-8.0", why);
        Assert.Contains("declare dotnet10", why);
    }

    [Fact]
    public void WhyNot_NoDotnetAtAll_SaysSo()
    {
        var dotnets = DotnetRuntimes.Discover(forOtherUsers: false, [Path.Combine(_root.Path, "nowhere", "dotnet")]);

        Assert.Null(dotnets.Muxer);
        Assert.Contains("has no .NET runtime", dotnets.WhyNot("dotnet10"));
        Assert.Null(dotnets.WhyNot("python3.12"));
    }

    [Theory]
    [InlineData("Hello::Hello.Function::Handler", null)]
    [InlineData("Hello", "does not exist")]
    [InlineData("Missing::Hello.Function::Handler", "names assembly Missing")]
    [InlineData("Hello::Handler", "is not of the form Assembly::Namespace.Type::Method")]
    [InlineData("Hello::::Handler", "is not of the form")]
    public void StartCheck_DotnetHandler_NeedsItsAssemblyInTheCode(string handler, string? problem)
    {
        File.WriteAllText(Path.Combine(_root.Path, "Hello.dll"), "");

        var found = StartCheck.Problem("dotnet10", handler, _root.Path);

        if (problem is null)
        {
            Assert.Null(found);
        }
        else
        {
            Assert.Contains(problem, found);
        }
    }

    [Fact]
    public void StartCheck_ExecutableAssemblyWithItsRuntimeConfig_Starts()
    {
        File.WriteAllText(Path.Combine(_root.Path, "App.dll"), "");
        File.WriteAllText(Path.Combine(_root.Path, "App.runtimeconfig.json"), "{}");

        Assert.Null(StartCheck.Problem("dotnet10", "App", _root.Path));
    }
}
