using Ember.Host.Auth;
using Ember.Host.Functions;

namespace Ember.Host.Tests.Core;

/// <summary>The AWS credentials a function's environment is given.</summary>
public sealed class FunctionCredentialsTests
{
    private static readonly AwsCredentials s_root = new("AKIAHOSTROOT00000000", "root-secret");

    [Fact]
    public void FunctionCredentials_HostStartedWithRealCredentials_PassesThemOn()
    {
        var variables = new Dictionary<string, string?> { ["AWS_ACCESS_KEY_ID"] = "AKIAREAL", ["AWS_SECRET_ACCESS_KEY"] = "real", ["AWS_SESSION_TOKEN"] = "token" };

        var given = FunctionCatalog.FunctionCredentials(s_root, name => variables.GetValueOrDefault(name));

        Assert.Equal(("AKIAREAL", "real", "token"), (given["AWS_ACCESS_KEY_ID"], given["AWS_SECRET_ACCESS_KEY"], given["AWS_SESSION_TOKEN"]));
    }

    [Fact]
    public void FunctionCredentials_HostStartedFromAShellHoldingItsOwnRootKeys_NeverGivesThemToFunctions()
    {
        var variables = new Dictionary<string, string?> { ["AWS_ACCESS_KEY_ID"] = s_root.AccessKeyId, ["AWS_SECRET_ACCESS_KEY"] = s_root.SecretAccessKey };

        var given = FunctionCatalog.FunctionCredentials(s_root, name => variables.GetValueOrDefault(name));

        Assert.Equal("EMBERLOCALACCESSKEY", given["AWS_ACCESS_KEY_ID"]);
        Assert.DoesNotContain(s_root.SecretAccessKey, given.Values);
    }
}
