using Xunit.Abstractions;

namespace Ember.Host.Tests.ControlPlane;

/// <summary>Functions made through the API outlive the host: stop it, start another on the same data directory.</summary>
public sealed class RestartTests(ControlPlaneHost host, ITestOutputHelper output) : IClassFixture<ControlPlaneHost>, IDisposable
{
    public void Dispose() => host.Dump(output);

    [SkippableFact]
    public async Task Restart_KeepsFunctionsVersionsAliasesAndSettings()
    {
        await host.CreatePythonFunctionAsync("durable", "--environment", "Variables={KEEP=me}", "--publish");
        await host.AwsJsonAsync("update-function-configuration", "--function-name", "durable", "--description", "second");
        await host.AwsJsonAsync("wait", "function-updated", "--function-name", "durable");
        await host.AwsJsonAsync("publish-version", "--function-name", "durable");
        await host.AwsJsonAsync("create-alias", "--function-name", "durable", "--name", "live", "--function-version", "1",
            "--routing-config", "AdditionalVersionWeights={2=0.5}");
        await host.AwsJsonAsync("put-function-concurrency", "--function-name", "durable", "--reserved-concurrent-executions", "5");
        await host.AwsJsonAsync("create-function-url-config", "--function-name", "durable", "--auth-type", "NONE");
        await host.AwsJsonAsync("add-permission", "--function-name", "durable", "--statement-id", "kept",
            "--action", "lambda:InvokeFunction", "--principal", "events.amazonaws.com");
        await host.AwsJsonAsync("tag-resource", "--resource", "arn:aws:lambda:us-east-1:000000000000:function:durable", "--tags", "team=core");

        await host.RestartAsync();

        var configuration = await host.AwsJsonAsync("get-function-configuration", "--function-name", "durable");
        var versions = await host.AwsJsonAsync("list-versions-by-function", "--function-name", "durable");
        var alias = await host.AwsJsonAsync("get-alias", "--function-name", "durable", "--name", "live");
        var concurrency = await host.AwsJsonAsync("get-function-concurrency", "--function-name", "durable");
        var url = await host.AwsJsonAsync("get-function-url-config", "--function-name", "durable");
        var policy = await host.AwsJsonAsync("get-policy", "--function-name", "durable");
        var tags = await host.AwsJsonAsync("list-tags", "--resource", "arn:aws:lambda:us-east-1:000000000000:function:durable");
        var (status, executed, body, _) = await host.InvokeWithTailAsync("durable", "live");
        var unchanged = await host.AwsJsonAsync("publish-version", "--function-name", "durable");
        await host.AwsJsonAsync("update-function-configuration", "--function-name", "durable", "--description", "third");
        await host.AwsJsonAsync("wait", "function-updated", "--function-name", "durable");
        var next = await host.AwsJsonAsync("publish-version", "--function-name", "durable");

        Assert.Equal("me", configuration.GetProperty("Environment").GetProperty("Variables").GetProperty("KEEP").GetString());
        Assert.Equal(["$LATEST", "1", "2"], versions.GetProperty("Versions").EnumerateArray().Select(v => v.GetProperty("Version").GetString()));
        Assert.Equal(0.5, alias.GetProperty("RoutingConfig").GetProperty("AdditionalVersionWeights").GetProperty("2").GetDouble());
        Assert.Equal(5, concurrency.GetProperty("ReservedConcurrentExecutions").GetInt32());
        Assert.Equal("NONE", url.GetProperty("AuthType").GetString());
        Assert.Contains("\"kept\"", policy.GetProperty("Policy").GetString());
        Assert.Equal("core", tags.GetProperty("Tags").GetProperty("team").GetString());
        Assert.Equal(200, status);
        Assert.Contains(executed, new[] { "1", "2" });
        Assert.Equal("me", body.GetProperty("env").GetProperty("KEEP").GetString());
        Assert.Equal("2", unchanged.GetProperty("Version").GetString());
        Assert.Equal("3", next.GetProperty("Version").GetString());
    }
}
