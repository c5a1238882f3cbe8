using Ember.Host.Tests.Functional;
using Xunit.Abstractions;

namespace Ember.Host.Tests.ControlPlane;

/// <summary>Versions, aliases with weights, and provisioned concurrency, driven with the real AWS CLI.</summary>
public sealed class VersionAliasTests(ControlPlaneHost host, ITestOutputHelper output) : IClassFixture<ControlPlaneHost>, IDisposable
{
    public void Dispose() => host.Dump(output);

    [SkippableFact]
    public async Task PublishVersion_SnapshotsLatest_AndRunsWithItsOwnVersion()
    {
        await host.CreatePythonFunctionAsync("versioned", "--environment", "Variables={STAGE=one}");
        var v1 = await host.AwsJsonAsync("publish-version", "--function-name", "versioned");
        await host.AwsJsonAsync("update-function-configuration", "--function-name", "versioned", "--environment", "Variables={STAGE=two}");
        await host.AwsJsonAsync("wait", "function-updated", "--function-name", "versioned");
        var v2 = await host.AwsJsonAsync("publish-version", "--function-name", "versioned", "--description", "second");
        var again = await host.AwsJsonAsync("publish-version", "--function-name", "versioned");
        var versions = await host.AwsJsonAsync("list-versions-by-function", "--function-name", "versioned");

        var (status, executed, body, tail) = await host.InvokeWithTailAsync("versioned", "1");
        var (_, _, latest, _) = await host.InvokeWithTailAsync("versioned");
        var (_, executedByArn, _, _) = await host.InvokeWithTailAsync("arn:aws:lambda:us-east-1:000000000000:function:versioned:2");

        Assert.Equal("1", v1.GetProperty("Version").GetString());
        Assert.Equal("arn:aws:lambda:us-east-1:000000000000:function:versioned:1", v1.GetProperty("FunctionArn").GetString());
        Assert.Equal("2", v2.GetProperty("Version").GetString());
        Assert.Equal("second", v2.GetProperty("Description").GetString());
        Assert.Equal("2", again.GetProperty("Version").GetString());
        Assert.Equal(["$LATEST", "1", "2"], versions.GetProperty("Versions").EnumerateArray().Select(v => v.GetProperty("Version").GetString()));
        Assert.Equal(200, status);
        Assert.Equal("1", executed);
        Assert.Equal("one", body.GetProperty("env").GetProperty("STAGE").GetString());
        Assert.Equal("1", body.GetProperty("env").GetProperty("AWS_LAMBDA_FUNCTION_VERSION").GetString());
        Assert.Contains("Version: 1", tail);
        Assert.Equal("two", latest.GetProperty("env").GetProperty("STAGE").GetString());
        Assert.Equal("2", executedByArn);
        var record = await Poll.UntilAsync(() => host.Host.Records.Query("versioned").FirstOrDefault(r => r.Version == "1"));
        Assert.Equal("success", record.Outcome);
    }

    [SkippableFact]
    public async Task WeightedAlias_SplitsInvocationsByItsWeight()
    {
        await host.CreatePythonFunctionAsync("weighted", "--publish");
        await host.AwsJsonAsync("update-function-configuration", "--function-name", "weighted", "--description", "v2");
        await host.AwsJsonAsync("wait", "function-updated", "--function-name", "weighted");
        await host.AwsJsonAsync("publish-version", "--function-name", "weighted");

        var alias = await host.AwsJsonAsync("create-alias", "--function-name", "weighted", "--name", "live", "--function-version", "1",
            "--routing-config", "AdditionalVersionWeights={2=0.3}");
        var got = await host.AwsJsonAsync("get-alias", "--function-name", "weighted", "--name", "live");
        const int invokes = 200;
        var counts = new Dictionary<string, int>();
        for (var i = 0; i < invokes; i++)
        {
            var (status, version, _, _) = await host.InvokeWithTailAsync("weighted", "live");
            Assert.Equal(200, status);
            counts[version!] = counts.GetValueOrDefault(version!) + 1;
        }

        Assert.Equal("arn:aws:lambda:us-east-1:000000000000:function:weighted:live", alias.GetProperty("AliasArn").GetString());
        Assert.Equal(0.3, got.GetProperty("RoutingConfig").GetProperty("AdditionalVersionWeights").GetProperty("2").GetDouble());
        Assert.Equal(invokes, counts.GetValueOrDefault("1") + counts.GetValueOrDefault("2"));
        // Binomial(200, 0.3): mean 60, standard deviation 6.5; five deviations either side fails by chance about once in two million runs.
        Assert.InRange(counts.GetValueOrDefault("2"), 28, 92);
    }

    [SkippableFact]
    public async Task AliasOperations_UpdateListDelete_AndInvokeByQualifiedName()
    {
        await host.CreatePythonFunctionAsync("aliased", "--publish");
        await host.AwsJsonAsync("update-function-configuration", "--function-name", "aliased", "--timeout", "5");
        await host.AwsJsonAsync("wait", "function-updated", "--function-name", "aliased");
        await host.AwsJsonAsync("publish-version", "--function-name", "aliased");
        await host.AwsJsonAsync("create-alias", "--function-name", "aliased", "--name", "prod", "--function-version", "1",
            "--routing-config", "AdditionalVersionWeights={2=0.5}");

        var updated = await host.AwsJsonAsync("update-alias", "--function-name", "aliased", "--name", "prod", "--function-version", "2",
            "--description", "moved", "--routing-config", "{}");
        var list = await host.AwsJsonAsync("list-aliases", "--function-name", "aliased");
        var (_, executed, body, tail) = await host.InvokeWithTailAsync("aliased:prod");
        var (code, _, stderr) = await host.AwsAsync("create-alias", "--function-name", "aliased", "--name", "prod", "--function-version", "1");
        var (missingCode, _, missing) = await host.AwsAsync("create-alias", "--function-name", "aliased", "--name", "next", "--function-version", "9");
        await host.AwsJsonAsync("delete-alias", "--function-name", "aliased", "--name", "prod");
        var (status, _, _, _) = await host.InvokeWithTailAsync("aliased", "prod");

        Assert.Equal("2", updated.GetProperty("FunctionVersion").GetString());
        Assert.Equal("moved", updated.GetProperty("Description").GetString());
        Assert.False(updated.TryGetProperty("RoutingConfig", out _));
        Assert.Single(list.GetProperty("Aliases").EnumerateArray());
        Assert.Equal("2", executed);
        Assert.Equal("arn:aws:lambda:us-east-1:000000000000:function:aliased:prod", body.GetProperty("arn").GetString());
        Assert.Contains("Version: 2", tail);
        Assert.NotEqual(0, code);
        Assert.Contains("ResourceConflictException", stderr);
        Assert.NotEqual(0, missingCode);
        Assert.Contains("InvalidParameterValueException", missing);
        Assert.Equal(404, status);
    }

    [SkippableFact]
    public async Task ProvisionedConcurrency_InitialisesAhead_AndInvokesHaveNoColdStart()
    {
        await host.CreatePythonFunctionAsync("provisioned", "--publish");
        await host.AwsJsonAsync("create-alias", "--function-name", "provisioned", "--name", "hot", "--function-version", "1");

        var put = await host.AwsJsonAsync("put-provisioned-concurrency-config", "--function-name", "provisioned", "--qualifier", "hot",
            "--provisioned-concurrent-executions", "2");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        string? status;
        do
        {
            status = (await host.AwsJsonAsync("get-provisioned-concurrency-config", "--function-name", "provisioned", "--qualifier", "hot"))
                .GetProperty("Status").GetString();
        }
        while (status != "READY" && DateTime.UtcNow < deadline);
        var list = await host.AwsJsonAsync("list-provisioned-concurrency-configs", "--function-name", "provisioned");
        var (code, executed, body, tail) = await host.InvokeWithTailAsync("provisioned", "hot");
        await host.AwsJsonAsync("delete-provisioned-concurrency-config", "--function-name", "provisioned", "--qualifier", "hot");
        var (gone, _, _) = await host.AwsAsync("get-provisioned-concurrency-config", "--function-name", "provisioned", "--qualifier", "hot");

        Assert.Equal(2, put.GetProperty("RequestedProvisionedConcurrentExecutions").GetInt32());
        Assert.Equal("READY", status);
        Assert.Equal("arn:aws:lambda:us-east-1:000000000000:function:provisioned:hot",
            list.GetProperty("ProvisionedConcurrencyConfigs").EnumerateArray().Single().GetProperty("FunctionArn").GetString());
        Assert.Equal(200, code);
        Assert.Equal("1", executed);
        Assert.Equal("provisioned-concurrency", body.GetProperty("env").GetProperty("AWS_LAMBDA_INITIALIZATION_TYPE").GetString());
        Assert.Contains("REPORT RequestId", tail);
        Assert.DoesNotContain("Init Duration", tail);
        Assert.NotEqual(0, gone);
    }

    [SkippableFact]
    public async Task ProvisionedConcurrency_EnvironmentLostToATimeout_IsReplaced()
    {
        // Given one provisioned environment of a function that sleeps as long as it is asked to
        await host.Host.CreateFunctionAsync(new Functions.FunctionConfiguration
        {
            Name = "replenished",
            Runtime = "python3.12",
            Handler = "handlers.sleepy",
            CodeDirectory = "",
            MemoryMb = 1769,
            TimeoutSeconds = 3,
        }, ControlPlaneHost.PythonZipBytes());
        var version = await host.Host.PublishVersionAsync("replenished");
        await host.Host.ProvisionConcurrencyAsync("replenished", version, 1);
        Assert.True(host.Host.Functions.TryGet("replenished", out var function));
        var pool = function.Versions[version].Pool;

        // When an invocation times out, which costs Lambda that environment
        var (_, _, timedOut, _) = await host.InvokeWithTailAsync("replenished", version, """{"seconds":5}""");
        await Poll.UntilAsync(() => pool.ProvisionedStatus.Ready == 1 && pool.IdleCount == 1);
        var (status, _, body, tail) = await host.InvokeWithTailAsync("replenished", version, """{"seconds":0}""");

        // Then a new provisioned environment took its place, and the next invoke is warm
        Assert.Contains("timed out", timedOut.GetProperty("errorMessage").GetString());
        Assert.Equal(200, status);
        Assert.True(body.GetProperty("slept").GetBoolean());
        Assert.DoesNotContain("Init Duration", tail);
    }

    [SkippableFact]
    public async Task ProvisionedConcurrency_OnLatest_Returns400()
    {
        await host.CreatePythonFunctionAsync("notlatest");

        var (code, _, stderr) = await host.AwsAsync("put-provisioned-concurrency-config", "--function-name", "notlatest", "--qualifier", "$LATEST",
            "--provisioned-concurrent-executions", "1");

        Assert.NotEqual(0, code);
        Assert.Contains("InvalidParameterValueException", stderr);
    }
}
