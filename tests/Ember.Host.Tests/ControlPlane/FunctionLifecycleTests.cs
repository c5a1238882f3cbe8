using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace Ember.Host.Tests.ControlPlane;

/// <summary>Create, read, update and delete functions with the real AWS CLI, and the errors Lambda answers with.</summary>
public sealed class FunctionLifecycleTests(ControlPlaneHost host, ITestOutputHelper output) : IClassFixture<ControlPlaneHost>, IDisposable
{
    public void Dispose() => host.Dump(output);

    [SkippableFact]
    public async Task CreateGetListDelete_WithAwsCli_RoundTrips()
    {
        await host.CreatePythonFunctionAsync("crud", "--memory-size", "256", "--timeout", "7", "--environment", "Variables={COLOR=blue}");

        var configuration = await host.AwsJsonAsync("get-function-configuration", "--function-name", "crud");
        Assert.Equal("arn:aws:lambda:us-east-1:000000000000:function:crud", configuration.GetProperty("FunctionArn").GetString());
        Assert.Equal(256, configuration.GetProperty("MemorySize").GetInt32());
        Assert.Equal(7, configuration.GetProperty("Timeout").GetInt32());
        Assert.Equal("blue", configuration.GetProperty("Environment").GetProperty("Variables").GetProperty("COLOR").GetString());
        Assert.Equal("Active", configuration.GetProperty("State").GetString());
        Assert.Equal("Successful", configuration.GetProperty("LastUpdateStatus").GetString());
        Assert.Equal("$LATEST", configuration.GetProperty("Version").GetString());
        Assert.Equal(44, configuration.GetProperty("CodeSha256").GetString()!.Length);

        var function = await host.AwsJsonAsync("get-function", "--function-name", "arn:aws:lambda:us-east-1:000000000000:function:crud");
        Assert.Equal("crud", function.GetProperty("Configuration").GetProperty("FunctionName").GetString());
        Assert.StartsWith("file://", function.GetProperty("Code").GetProperty("Location").GetString());

        var list = await host.AwsJsonAsync("list-functions");
        Assert.Contains(list.GetProperty("Functions").EnumerateArray(), f => f.GetProperty("FunctionName").GetString() == "crud");

        var (status, _, body, _) = await host.InvokeWithTailAsync("crud");
        Assert.Equal(200, status);
        Assert.Equal("blue", body.GetProperty("env").GetProperty("COLOR").GetString());
        Assert.Equal("256", body.GetProperty("env").GetProperty("AWS_LAMBDA_FUNCTION_MEMORY_SIZE").GetString());

        await host.AwsJsonAsync("delete-function", "--function-name", "crud");
        var (code, _, stderr) = await host.AwsAsync("get-function", "--function-name", "crud");
        Assert.NotEqual(0, code);
        Assert.Contains("ResourceNotFoundException", stderr);
        Assert.Contains("Function not found: arn:aws:lambda:us-east-1:000000000000:function:crud", stderr);
    }

    [SkippableFact]
    public async Task UpdateConfiguration_ThenWaitFunctionUpdated_NextInvokeIsAColdStart()
    {
        await host.CreatePythonFunctionAsync("cold");
        var (_, _, _, first) = await host.InvokeWithTailAsync("cold");
        Assert.Contains("Init Duration", first);
        var (_, _, _, warm) = await host.InvokeWithTailAsync("cold");
        Assert.DoesNotContain("Init Duration", warm);

        for (var round = 1; round <= 3; round++)
        {
            var updated = await host.AwsJsonAsync("update-function-configuration", "--function-name", "cold",
                "--environment", $"Variables={{ROUND={round}}}");
            // Lambda answers while the update is still in progress; the waiter polls it to Successful.
            Assert.Equal("InProgress", updated.GetProperty("LastUpdateStatus").GetString());
            await host.AwsJsonAsync("wait", "function-updated", "--function-name", "cold");

            var (status, _, body, tail) = await host.InvokeWithTailAsync("cold");

            Assert.Equal(200, status);
            Assert.Equal(round.ToString(System.Globalization.CultureInfo.InvariantCulture), body.GetProperty("env").GetProperty("ROUND").GetString());
            Assert.Contains("Init Duration", tail);
        }
        var configuration = await host.AwsJsonAsync("get-function-configuration", "--function-name", "cold");
        Assert.Equal("Successful", configuration.GetProperty("LastUpdateStatus").GetString());
    }

    [SkippableFact]
    public async Task UpdateConfiguration_DuringAnInvocation_ItFinishesOnTheOldEnvironment()
    {
        // Given an invocation held open by a function that waits for a file
        await host.Host.CreateFunctionAsync(new Functions.FunctionConfiguration
        {
            Name = "held",
            Runtime = "python3.12",
            Handler = "handlers.wait_for_file",
            CodeDirectory = "",
            MemoryMb = 1769,
            TimeoutSeconds = 30,
            Environment = System.Collections.Immutable.ImmutableSortedDictionary<string, string>.Empty.Add("STAGE", "old"),
        }, ControlPlaneHost.PythonZipBytes());
        using var shared = TempDirectory.SharedWithFunctions("ember-held-");
        var started = shared.Path;
        var release = shared.File("held-release");
        var payload = JsonSerializer.Serialize(new { started, release });
        var held = host.Http.PostAsync($"{host.Endpoint}/2015-03-31/functions/held/invocations", new StringContent(payload, Encoding.UTF8, "application/json"));
        await Poll.UntilAsync(() => Directory.GetFiles(started).Length > 0);

        // When the configuration changes while it runs, and then the invocation is let go
        await host.Host.UpdateConfigurationAsync("held", c => c with { Environment = c.Environment.SetItem("STAGE", "new") });
        await File.WriteAllTextAsync(release, "go");
        using var heldResponse = await held;
        var oldPid = JsonDocument.Parse(await heldResponse.Content.ReadAsStringAsync()).RootElement.GetProperty("pid").GetInt32();
        var (status, _, body, tail) = await host.InvokeWithTailAsync("held", payload: payload);

        // Then the held invocation finished where it started, and the next one is a cold start elsewhere
        Assert.Equal(200, (int)heldResponse.StatusCode);
        Assert.Equal(200, status);
        Assert.NotEqual(oldPid, body.GetProperty("pid").GetInt32());
        Assert.Contains("Init Duration", tail);
    }

    [SkippableFact]
    public async Task InternalUpdateConfiguration_ForcesAColdStart()
    {
        await host.Host.Control.CreateFunctionAsync(new Functions.FunctionConfiguration
        {
            Name = "lab",
            Runtime = "python3.12",
            Handler = "handlers.echo",
            CodeDirectory = "",
            MemoryMb = 1769,
        }, ControlPlaneHost.PythonZipBytes(), publish: false);
        await host.InvokeWithTailAsync("lab");

        await host.Host.UpdateConfigurationAsync("lab", c => c with { Environment = c.Environment.SetItem("FORCE", "1") });
        var (_, _, body, tail) = await host.InvokeWithTailAsync("lab");

        Assert.Contains("Init Duration", tail);
        Assert.Equal("1", body.GetProperty("env").GetProperty("FORCE").GetString());
    }

    [SkippableFact]
    public async Task UpdateCode_WithoutTheHandlerModule_FailsWithAReasonAndKeepsTheOldCode()
    {
        await host.CreatePythonFunctionAsync("badcode");
        var zip = host.Scratch.File("empty.zip");
        using (var archive = System.IO.Compression.ZipFile.Open(zip, System.IO.Compression.ZipArchiveMode.Create))
        {
            archive.CreateEntry("other.py").Open().Dispose();
        }

        await host.AwsJsonAsync("update-function-code", "--function-name", "badcode", "--zip-file", "fileb://" + zip);
        var (code, _, stderr) = await host.AwsAsync("wait", "function-updated", "--function-name", "badcode");
        var configuration = await host.AwsJsonAsync("get-function-configuration", "--function-name", "badcode");
        var (status, _, _, _) = await host.InvokeWithTailAsync("badcode");

        Assert.NotEqual(0, code);
        Assert.Contains("Failed", stderr);
        Assert.Equal("Failed", configuration.GetProperty("LastUpdateStatus").GetString());
        Assert.Contains("handlers.py", configuration.GetProperty("LastUpdateStatusReason").GetString());
        Assert.Equal(200, status);
    }

    [SkippableTheory]
    [InlineData("--runtime", "nodejs99.x", "Runtime 'nodejs99.x'")]
    [InlineData("--timeout", "901", "Timeout 901")]
    public async Task CreateFunction_InvalidSetting_Returns400NamingTheField(string option, string value, string expected)
    {
        var zip = host.PythonZip();
        string[] arguments = ["create-function", "--function-name", "invalid", "--runtime", "python3.12", "--handler", "handlers.echo",
            "--role", "r", "--zip-file", "fileb://" + zip];
        var index = Array.IndexOf(arguments, option);
        arguments = index >= 0 ? [.. arguments[..(index + 1)], value, .. arguments[(index + 2)..]] : [.. arguments, option, value];

        var (code, _, stderr) = await host.AwsAsync(arguments);

        Assert.NotEqual(0, code);
        Assert.Contains("InvalidParameterValueException", stderr);
        Assert.Contains(expected, stderr);
    }

    [SkippableFact]
    public async Task CreateFunction_Memory64_Returns400NamingMemorySize()
    {
        // The AWS CLI refuses 64 itself (botocore checks the minimum), so this goes over HTTP.
        var zip = Convert.ToBase64String(ControlPlaneHost.PythonZipBytes());
        var body = $$$"""{"FunctionName":"small","Runtime":"python3.12","Handler":"handlers.echo","Role":"r","MemorySize":64,"Code":{"ZipFile":"{{{zip}}}"}}""";

        using var response = await host.Http.PostAsync($"{host.Endpoint}/2015-03-31/functions", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("InvalidParameterValueException", response.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Equal("""{"Type":"User","message":"MemorySize 64 is outside 128-10240 MB."}""", await response.Content.ReadAsStringAsync());
    }

    [SkippableFact]
    public async Task CreateFunction_NotAZip_Returns400()
    {
        var body = """{"FunctionName":"notzip","Runtime":"python3.12","Handler":"handlers.echo","Role":"r","Code":{"ZipFile":"aGVsbG8="}}""";

        using var response = await host.Http.PostAsync($"{host.Endpoint}/2015-03-31/functions", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("InvalidParameterValueException", response.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Contains("Could not unzip uploaded file", await response.Content.ReadAsStringAsync());
    }

    [SkippableFact]
    public async Task CreateFunction_MalformedJson_Returns400InvalidRequestContent()
    {
        using var response = await host.Http.PostAsync($"{host.Endpoint}/2015-03-31/functions", new StringContent("{\"FunctionName\":", Encoding.UTF8, "application/json"));

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("InvalidRequestContentException", response.Headers.GetValues("x-amzn-ErrorType").Single());
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("User", error.GetProperty("Type").GetString());
        Assert.StartsWith("Could not parse request body into json", error.GetProperty("message").GetString());
    }

    [SkippableFact]
    public async Task UpdateConfiguration_WrongJsonType_Returns400NamingTheField()
    {
        using var response = await host.Http.PutAsync($"{host.Endpoint}/2015-03-31/functions/any/configuration",
            new StringContent("""{"MemorySize":"big"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("""{"Type":"User","message":"Could not parse request body into json: the value of MemorySize is malformed or of the wrong type (line 1, byte 20)."}""",
            await response.Content.ReadAsStringAsync());
    }

    [SkippableFact]
    public async Task CreateFunction_NameTaken_Returns409ResourceConflict()
    {
        await host.CreatePythonFunctionAsync("twice");
        var zip = host.PythonZip();

        var (code, _, stderr) = await host.AwsAsync("create-function", "--function-name", "twice", "--runtime", "python3.12",
            "--handler", "handlers.echo", "--role", "r", "--zip-file", "fileb://" + zip);

        Assert.NotEqual(0, code);
        Assert.Contains("ResourceConflictException", stderr);
    }

    [SkippableFact]
    public async Task ReservedConcurrencyZero_ThrottlesEveryInvoke_UntilDeleted()
    {
        await host.CreatePythonFunctionAsync("throttled");

        var put = await host.AwsJsonAsync("put-function-concurrency", "--function-name", "throttled", "--reserved-concurrent-executions", "0");
        var got = await host.AwsJsonAsync("get-function-concurrency", "--function-name", "throttled");
        var (status, _, body, _) = await host.InvokeWithTailAsync("throttled");
        await host.AwsJsonAsync("delete-function-concurrency", "--function-name", "throttled");
        var (after, _, _, _) = await host.InvokeWithTailAsync("throttled");

        Assert.Equal(0, put.GetProperty("ReservedConcurrentExecutions").GetInt32());
        Assert.Equal(0, got.GetProperty("ReservedConcurrentExecutions").GetInt32());
        Assert.Equal(429, status);
        Assert.Equal("ReservedFunctionConcurrentInvocationLimitExceeded", body.GetProperty("Reason").GetString());
        Assert.Equal(200, after);
    }

    [SkippableFact]
    public async Task FunctionUrlConfig_CreateUpdateDelete_SwitchesTheUrlEndpoint()
    {
        await host.CreatePythonFunctionAsync("urlfn");

        var created = await host.AwsJsonAsync("create-function-url-config", "--function-name", "urlfn", "--auth-type", "NONE");
        var url = created.GetProperty("FunctionUrl").GetString()!;
        using (var open = await host.Http.GetAsync(url))
        {
            Assert.Equal(200, (int)open.StatusCode);
        }
        var updated = await host.AwsJsonAsync("update-function-url-config", "--function-name", "urlfn", "--auth-type", "AWS_IAM");
        using (var unsigned = await host.Http.GetAsync(url))
        {
            Assert.Equal(403, (int)unsigned.StatusCode);
        }
        var got = await host.AwsJsonAsync("get-function-url-config", "--function-name", "urlfn");
        await host.AwsJsonAsync("delete-function-url-config", "--function-name", "urlfn");
        using (var gone = await host.Http.GetAsync(url))
        {
            Assert.Equal(404, (int)gone.StatusCode);
        }

        Assert.Equal("NONE", created.GetProperty("AuthType").GetString());
        Assert.Equal("AWS_IAM", updated.GetProperty("AuthType").GetString());
        Assert.Equal("AWS_IAM", got.GetProperty("AuthType").GetString());
        Assert.Equal(url, got.GetProperty("FunctionUrl").GetString());
    }
}
