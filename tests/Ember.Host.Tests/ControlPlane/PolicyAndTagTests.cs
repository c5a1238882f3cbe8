using System.Text.Json;
using Xunit.Abstractions;

namespace Ember.Host.Tests.ControlPlane;

/// <summary>What deploy tools call beside the function: permissions, tags, URL configs and account settings, through the AWS CLI.</summary>
public sealed class PolicyAndTagTests(ControlPlaneHost host, ITestOutputHelper output) : IClassFixture<ControlPlaneHost>, IDisposable
{
    public void Dispose() => host.Dump(output);

    [SkippableFact]
    public async Task Permissions_AreAddedReadAndRemoved_AsLambdaDoes()
    {
        await host.CreatePythonFunctionAsync("permitted");

        var added = await host.AwsJsonAsync("add-permission", "--function-name", "permitted", "--statement-id", "s3-invoke",
            "--action", "lambda:InvokeFunction", "--principal", "s3.amazonaws.com", "--source-arn", "arn:aws:s3:::bucket");
        var again = await host.AwsAsync("add-permission", "--function-name", "permitted", "--statement-id", "s3-invoke",
            "--action", "lambda:InvokeFunction", "--principal", "s3.amazonaws.com");
        var policy = await host.AwsJsonAsync("get-policy", "--function-name", "permitted");
        await host.AwsJsonAsync("remove-permission", "--function-name", "permitted", "--statement-id", "s3-invoke");
        var gone = await host.AwsAsync("get-policy", "--function-name", "permitted");

        var statement = JsonDocument.Parse(added.GetProperty("Statement").GetString()!).RootElement;
        Assert.Equal("s3.amazonaws.com", statement.GetProperty("Principal").GetProperty("Service").GetString());
        Assert.Equal("arn:aws:s3:::bucket", statement.GetProperty("Condition").GetProperty("ArnLike").GetProperty("AWS:SourceArn").GetString());
        Assert.Contains("ResourceConflictException", again.Stderr);
        var document = JsonDocument.Parse(policy.GetProperty("Policy").GetString()!).RootElement;
        Assert.Equal("s3-invoke", document.GetProperty("Statement")[0].GetProperty("Sid").GetString());
        Assert.Contains("ResourceNotFoundException", gone.Stderr);
    }

    [SkippableFact]
    public async Task Tags_AreSetListedAndRemoved()
    {
        await host.CreatePythonFunctionAsync("tagged");
        var arn = "arn:aws:lambda:us-east-1:000000000000:function:tagged";

        await host.AwsJsonAsync("tag-resource", "--resource", arn, "--tags", "team=core,stage=dev");
        await host.AwsJsonAsync("untag-resource", "--resource", arn, "--tag-keys", "stage");
        var tags = await host.AwsJsonAsync("list-tags", "--resource", arn);

        Assert.Equal("core", tags.GetProperty("Tags").GetProperty("team").GetString());
        Assert.False(tags.GetProperty("Tags").TryGetProperty("stage", out _));
    }

    [SkippableFact]
    public async Task AccountSettingsAndUrlConfigs_Answer()
    {
        await host.CreatePythonFunctionAsync("with-url");
        await host.AwsJsonAsync("create-function-url-config", "--function-name", "with-url", "--auth-type", "NONE");

        var settings = await host.AwsJsonAsync("get-account-settings");
        var urls = await host.AwsJsonAsync("list-function-url-configs", "--function-name", "with-url");

        Assert.Equal(1000, settings.GetProperty("AccountLimit").GetProperty("ConcurrentExecutions").GetInt32());
        Assert.True(settings.GetProperty("AccountUsage").GetProperty("FunctionCount").GetInt32() >= 1);
        Assert.EndsWith("/lambda-url/with-url/", Assert.Single(urls.GetProperty("FunctionUrlConfigs").EnumerateArray()).GetProperty("FunctionUrl").GetString());
    }

    [Fact]
    public async Task AnUnknownOperation_IsLambdasUnknownOperationException()
    {
        using var response = await host.Http.GetAsync($"{host.Endpoint}/2015-03-31/no-such-operation");

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal("UnknownOperationException", response.Headers.GetValues("x-amzn-ErrorType").Single());
    }
}
