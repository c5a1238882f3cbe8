using System.IO.Compression;
using Ember.Host.Environments;
using Ember.Host.Runtimes;

namespace Ember.Host.Tests.ControlPlane;

/// <summary>The managed .NET runtimes through the AWS CLI v2: a class library deployed as `dotnet lambda deploy-function` deploys one.</summary>
public sealed class DotnetRuntimeControlPlaneTests(ControlPlaneHost host) : IClassFixture<ControlPlaneHost>
{
    /// <summary>A zip of the ManagedHello class library and Ember.Lambda, as its publish output would have them.</summary>
    private string ClassLibraryZip()
    {
        var path = host.Scratch.File(Guid.NewGuid().ToString("N")[..8] + ".zip");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var file in new[] { "ManagedHello.dll", "Ember.Lambda.dll" })
        {
            zip.CreateEntryFromFile(Path.Combine(AppContext.BaseDirectory, file), file);
        }
        return path;
    }

    [SkippableFact]
    public async Task CreateFunction_Dotnet10ClassLibrary_ServesTheAwsCli()
    {
        await host.AwsJsonAsync("create-function", "--function-name", "managed", "--runtime", "dotnet10",
            "--handler", "ManagedHello::ManagedHello.Functions::Echo", "--role", "arn:aws:iam::000000000000:role/lambda",
            "--zip-file", "fileb://" + ClassLibraryZip(), "--memory-size", "1769", "--timeout", "60");
        var configuration = await host.AwsJsonAsync("get-function-configuration", "--function-name", "managed");
        var (status, _, body, _) = await host.InvokeWithTailAsync("managed", payload: """{"from":"cli"}""");

        Assert.Equal("dotnet10", configuration.GetProperty("Runtime").GetString());
        Assert.Equal(200, status);
        Assert.Equal("cli", body.GetProperty("from").GetString());
    }

    [SkippableFact]
    public async Task CreateFunction_DotnetThisMachineLacks_IsRefusedNamingWhatItHas()
    {
        var dotnets = DotnetRuntimes.Discover(forOtherUsers: SandboxUsers.Detect(out _) is not null);
        var missing = new[] { "dotnet8", "dotnet10" }.FirstOrDefault(runtime => dotnets.WhyNot(runtime) is not null);
        Skip.If(missing is null, "this machine has .NET 8 and .NET 10");

        var (code, _, stderr) = await host.AwsAsync("create-function", "--function-name", "no-dotnet", "--runtime", missing!,
            "--handler", "ManagedHello::ManagedHello.Functions::Echo", "--role", "arn:aws:iam::000000000000:role/lambda",
            "--zip-file", "fileb://" + ClassLibraryZip());

        Assert.NotEqual(0, code);
        Assert.Contains("InvalidParameterValueException", stderr);
        Assert.Contains($"Runtime '{missing}' cannot run", stderr);
    }

    [SkippableFact]
    public async Task CreateFunction_HandlerNamingAnAssemblyNotInTheZip_IsRefused()
    {
        var (code, _, stderr) = await host.AwsAsync("create-function", "--function-name", "wrong-assembly", "--runtime", "dotnet10",
            "--handler", "Elsewhere::Elsewhere.Function::Handler", "--role", "arn:aws:iam::000000000000:role/lambda",
            "--zip-file", "fileb://" + ClassLibraryZip());

        Assert.NotEqual(0, code);
        Assert.Contains("InvalidParameterValueException", stderr);
        Assert.Contains("names assembly Elsewhere", stderr);
    }
}
