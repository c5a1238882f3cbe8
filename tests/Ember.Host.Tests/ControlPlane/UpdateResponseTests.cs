using Xunit.Abstractions;

namespace Ember.Host.Tests.ControlPlane;

/// <summary>An update's answer carries the new values, as Lambda's does, so scripts and IaC tools can read them.</summary>
public sealed class UpdateResponseTests(ControlPlaneHost host, ITestOutputHelper output) : IClassFixture<ControlPlaneHost>, IDisposable
{
    public void Dispose() => host.Dump(output);

    [SkippableFact]
    public async Task UpdateFunctionConfiguration_AnswersTheNewValuesAndTheRevisionThatFollows()
    {
        await host.CreatePythonFunctionAsync("updated");

        var answer = await host.AwsJsonAsync("update-function-configuration", "--function-name", "updated",
            "--memory-size", "640", "--environment", "Variables={STAGE=new}");
        var after = await host.AwsJsonAsync("get-function-configuration", "--function-name", "updated");

        Assert.Equal(640, answer.GetProperty("MemorySize").GetInt32());
        Assert.Equal("new", answer.GetProperty("Environment").GetProperty("Variables").GetProperty("STAGE").GetString());
        Assert.Equal("InProgress", answer.GetProperty("LastUpdateStatus").GetString());
        Assert.Equal(after.GetProperty("RevisionId").GetString(), answer.GetProperty("RevisionId").GetString());
        Assert.Equal(640, after.GetProperty("MemorySize").GetInt32());
    }

    [SkippableFact]
    public async Task UpdateFunctionCode_AnswersTheNewCodeSha256AndSize()
    {
        await host.CreatePythonFunctionAsync("recoded");
        var before = await host.AwsJsonAsync("get-function-configuration", "--function-name", "recoded");

        var answer = await host.AwsJsonAsync("update-function-code", "--function-name", "recoded", "--zip-file", "fileb://" + host.PythonZip("extra.txt"));

        Assert.NotEqual(before.GetProperty("CodeSha256").GetString(), answer.GetProperty("CodeSha256").GetString());
        var after = await host.AwsJsonAsync("get-function-configuration", "--function-name", "recoded");
        Assert.Equal(after.GetProperty("CodeSha256").GetString(), answer.GetProperty("CodeSha256").GetString());
        Assert.Equal(after.GetProperty("CodeSize").GetInt64(), answer.GetProperty("CodeSize").GetInt64());
    }
}
