using System.Text;
using System.Text.Json;
using Ember.Host.Tests.Build;
using Xunit.Abstractions;

namespace Ember.Host.Tests.ControlPlane;

/// <summary>What the control plane keeps on disk for a function's code: within Lambda's limits, and nothing after a refusal or a delete.</summary>
public sealed class CodeStorageTests(ControlPlaneHost host, ITestOutputHelper output) : IClassFixture<ControlPlaneHost>, IDisposable
{
    public void Dispose() => host.Dump(output);

    private string CodeFolder(string name) => Path.Combine(host.DataDirectory, "code", name);

    private async Task<(int Status, string? ErrorType, string Message)> CreateAsync(string name, byte[] zip, string handler = "handlers.echo")
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["FunctionName"] = name,
            ["Runtime"] = "python3.12",
            ["Handler"] = handler,
            ["Role"] = "arn:aws:iam::000000000000:role/lambda",
            ["MemorySize"] = 1769,
            ["Code"] = new Dictionary<string, string> { ["ZipFile"] = Convert.ToBase64String(zip) },
        });
        using var response = await host.Http.PostAsync($"{host.Endpoint}/2015-03-31/functions", new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        var errorType = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.Single() : null;
        var message = errorType is null ? "" : JsonDocument.Parse(text).RootElement.GetProperty("message").GetString()!;
        return ((int)response.StatusCode, errorType, message);
    }

    [Fact]
    public async Task CreateFunction_UnzipsPast250MB_Returns400AsLambdaAndKeepsNothing()
    {
        // Given a small zip whose file declares 300 MB unzipped
        var zip = TestZips.DeclaringSize(TestZips.Zip(("handlers.py", new byte[1000], UnixFileMode.UserRead)), 300_000_000, centralOnly: true);

        // When it is uploaded
        var (status, errorType, message) = await CreateAsync("too-big", zip);

        // Then Lambda's refusal, and no code on disk
        Assert.Equal(400, status);
        Assert.Equal("InvalidParameterValueException", errorType);
        Assert.Equal("Unzipped size must be smaller than 262144000 bytes", message);
        Assert.False(Directory.Exists(CodeFolder("too-big")));
    }

    [Fact]
    public async Task CreateFunction_HandlerModuleMissing_Returns400AndKeepsNothing()
    {
        var (status, errorType, message) = await CreateAsync("no-module", ControlPlaneHost.PythonZipBytes(), handler: "missing.handler");

        Assert.Equal(400, status);
        Assert.Equal("InvalidParameterValueException", errorType);
        Assert.Contains("missing.py", message);
        Assert.False(Directory.Exists(CodeFolder("no-module")));
    }

    [Fact]
    public async Task DeleteFunction_WithVersions_RemovesAllItsCode()
    {
        // Given a function with a published version and newer $LATEST code
        Assert.Equal(201, (await CreateAsync("deleted", ControlPlaneHost.PythonZipBytes())).Status);
        await host.Host.PublishVersionAsync("deleted");
        await host.Host.Control.UpdateCodeAsync("deleted", ControlPlaneHost.PythonZipBytes(extraFile: "more.py"));
        Assert.Equal(2, Directory.GetDirectories(CodeFolder("deleted")).Length);

        // When it is deleted
        using var response = await host.Http.DeleteAsync($"{host.Endpoint}/2015-03-31/functions/deleted");

        // Then its code folder is gone with it
        Assert.Equal(204, (int)response.StatusCode);
        Assert.False(Directory.Exists(CodeFolder("deleted")));
    }

    [Fact]
    public async Task UpdateCode_Refused_KeepsTheOldCodeAndNotTheNew()
    {
        Assert.Equal(201, (await CreateAsync("kept", ControlPlaneHost.PythonZipBytes())).Status);
        var before = Directory.GetDirectories(CodeFolder("kept"));

        // A package without the handler's module: the update fails, the function keeps its code
        await host.Host.Control.UpdateCodeAsync("kept", TestZips.Zip(("other.py", "x = 1\n"u8.ToArray(), UnixFileMode.UserRead)));

        Assert.Equal(before, Directory.GetDirectories(CodeFolder("kept")));
        Assert.True(host.Host.Functions.TryGet("kept", out var function));
        Assert.Equal("Failed", function.LastUpdateStatus);
    }
}
