using System.Text.Json;
using Ember.Host.Auth;
using Ember.Host.Tests.Functional;
using Xunit.Abstractions;

namespace Ember.Host.Tests.ControlPlane;

/// <summary>The functions of Functions/policies.yaml on a host that requires signatures.</summary>
public sealed class PolicyHost : HostFixture
{
    internal static readonly AwsCredentials Root = new("AKIAEMBERPOLICYROOT0", "policySecret/" + Guid.NewGuid().ToString("N"));

    private protected override HostOptions Configure(HostOptions options) =>
        options with { TemplatePath = Path.Combine(FunctionsDirectory, "policies.yaml"), Credentials = Root };

    public string Endpoint => Host.BaseAddress.ToString().TrimEnd('/');

    /// <summary>Invokes <paramref name="function"/> signed by <paramref name="signer"/>.</summary>
    internal Task<HttpResponseMessage> InvokeSignedAsync(string function, AwsCredentials signer, string? qualifier = null) =>
        SignedRequests.SendAsync(Http, Endpoint, HttpMethod.Post,
            $"/2015-03-31/functions/{function}/invocations" + (qualifier is null ? "" : "?Qualifier=" + qualifier), "{}", signer);

    /// <summary>The credentials a function's environment was given, as its handler saw them.</summary>
    internal async Task<(AwsCredentials Credentials, JsonElement Environment)> OwnCredentialsAsync(string function)
    {
        using var response = await InvokeSignedAsync(function, Root);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        var env = JsonDocument.Parse(text).RootElement.GetProperty("env").Clone();
        return (new AwsCredentials(env.GetProperty("AWS_ACCESS_KEY_ID").GetString()!, env.GetProperty("AWS_SECRET_ACCESS_KEY").GetString()!,
            env.GetProperty("AWS_SESSION_TOKEN").GetString()), env);
    }
}

/// <summary>
/// Each function gets its own credentials, as Lambda gives its role's, and a request signed with
/// them may do what the function's policies allow and nothing else. The host's own credentials may do everything.
/// </summary>
public sealed class FunctionIdentityTests(PolicyHost host, ITestOutputHelper output) : IClassFixture<PolicyHost>, IDisposable
{
    public void Dispose() => host.Dump(output);

    [Fact]
    public async Task Function_GetsItsOwnTemporaryCredentialsAndTheHostsLambdaEndpoint()
    {
        var (caller, env) = await host.OwnCredentialsAsync("caller");
        var (callee, _) = await host.OwnCredentialsAsync("callee");

        Assert.StartsWith("ASIA", caller.AccessKeyId);
        Assert.False(string.IsNullOrEmpty(caller.SessionToken));
        Assert.NotEqual(caller.AccessKeyId, callee.AccessKeyId);
        Assert.NotEqual(PolicyHost.Root.AccessKeyId, caller.AccessKeyId);
        Assert.Equal(host.Endpoint, env.GetProperty("AWS_ENDPOINT_URL_LAMBDA").GetString());
        // !Ref and !GetAtt of a function resolve to its name and ARN.
        Assert.Equal("callee", env.GetProperty("CALLEE").GetString());
        Assert.Equal("arn:aws:lambda:us-east-1:000000000000:function:callee", env.GetProperty("CALLEE_ARN").GetString());
    }

    [Fact]
    public async Task LambdaInvokePolicy_LetsTheFunctionInvokeItsTargetAndAnyQualifier()
    {
        var (caller, _) = await host.OwnCredentialsAsync("caller");

        using var plain = await host.InvokeSignedAsync("callee", caller);
        using var qualified = await host.InvokeSignedAsync("callee", caller, "$LATEST");

        Assert.Equal(200, (int)plain.StatusCode);
        Assert.Equal(200, (int)qualified.StatusCode);
    }

    [Fact]
    public async Task FunctionCredentials_InvokeAFunctionThePolicyDoesNotName_Is403AccessDenied()
    {
        var (caller, _) = await host.OwnCredentialsAsync("caller");

        using var response = await host.InvokeSignedAsync("bystander", caller);

        var (errorType, message) = await SignedRequests.ErrorOf(response);
        Assert.Equal(403, (int)response.StatusCode);
        Assert.Equal("AccessDeniedException", errorType);
        Assert.Equal("User: arn:aws:sts::000000000000:assumed-role/CallerRole/caller is not authorized to perform: lambda:InvokeFunction on resource: "
            + "arn:aws:lambda:us-east-1:000000000000:function:bystander because no identity-based policy allows the lambda:InvokeFunction action", message);
    }

    [Fact]
    public async Task FunctionCredentials_ControlPlane_DeniedUnlessThePolicyAllows()
    {
        var (caller, _) = await host.OwnCredentialsAsync("caller");

        using var list = await SignedRequests.SendAsync(host.Http, host.Endpoint, HttpMethod.Get, "/2015-03-31/functions/", null, caller);
        using var change = await SignedRequests.SendAsync(host.Http, host.Endpoint, HttpMethod.Put, "/2015-03-31/functions/callee/configuration",
            """{"Environment":{"Variables":{"TAKEN":"yes"}}}""", caller);
        using var delete = await SignedRequests.SendAsync(host.Http, host.Endpoint, HttpMethod.Delete, "/2015-03-31/functions/bystander", null, caller);

        Assert.Equal((403, "AccessDeniedException"), ((int)list.StatusCode, (await SignedRequests.ErrorOf(list)).ErrorType));
        Assert.Equal((403, "AccessDeniedException"), ((int)change.StatusCode, (await SignedRequests.ErrorOf(change)).ErrorType));
        Assert.Equal((403, "AccessDeniedException"), ((int)delete.StatusCode, (await SignedRequests.ErrorOf(delete)).ErrorType));
        Assert.True(host.Host.Functions.TryGet("bystander", out var bystander));
        Assert.True(host.Host.Functions.TryGet("callee", out var callee));
        Assert.False(callee.Configuration.Environment.ContainsKey("TAKEN"));
        Assert.NotNull(bystander);
    }

    [Fact]
    public async Task RoleFromTheTemplate_ReadOnlyManagedPolicyAndAnExplicitDeny_AreBothApplied()
    {
        var (reader, _) = await host.OwnCredentialsAsync("reader");

        using var list = await SignedRequests.SendAsync(host.Http, host.Endpoint, HttpMethod.Get, "/2015-03-31/functions/", null, reader);
        using var callee = await SignedRequests.SendAsync(host.Http, host.Endpoint, HttpMethod.Get, "/2015-03-31/functions/callee", null, reader);
        using var denied = await SignedRequests.SendAsync(host.Http, host.Endpoint, HttpMethod.Get, "/2015-03-31/functions/bystander/configuration", null, reader);
        using var invoke = await host.InvokeSignedAsync("callee", reader);

        Assert.Equal(200, (int)list.StatusCode);
        Assert.Equal(200, (int)callee.StatusCode);
        Assert.Equal(403, (int)denied.StatusCode);
        Assert.Equal(403, (int)invoke.StatusCode);
    }

    [Fact]
    public async Task AwsIamFunctionUrl_TakesTheHostsCredentialsButNotAFunctionsWithoutInvokeFunctionUrl()
    {
        var (caller, _) = await host.OwnCredentialsAsync("caller");
        var path = new Uri(host.Host.FunctionUrl("callee")).AbsolutePath;

        using var asRoot = await SignedRequests.SendAsync(host.Http, host.Endpoint, HttpMethod.Get, path, null, PolicyHost.Root);
        using var asCaller = await SignedRequests.SendAsync(host.Http, host.Endpoint, HttpMethod.Get, path, null, caller);

        Assert.Equal(200, (int)asRoot.StatusCode);
        Assert.Equal(403, (int)asCaller.StatusCode);
    }

    [Fact]
    public async Task ResourcePolicy_GrantsAnotherFunctionsRoleWhatItsOwnPolicyDoesNot_UntilRemoved()
    {
        // Given: caller's own policy allows invoking callee only; granted's URL is AWS_IAM
        var (caller, _) = await host.OwnCredentialsAsync("caller");
        using var configuration = await SignedRequests.SendAsync(host.Http, host.Endpoint, HttpMethod.Get, "/2015-03-31/functions/caller/configuration", null, PolicyHost.Root);
        var role = JsonDocument.Parse(await configuration.Content.ReadAsStringAsync()).RootElement.GetProperty("Role").GetString()!;
        var url = new Uri(host.Host.FunctionUrl("granted")).AbsolutePath;
        Task<HttpResponseMessage> CallUrl() => SignedRequests.SendAsync(host.Http, host.Endpoint, HttpMethod.Get, url, null, caller);
        Task<HttpResponseMessage> Grant(string sid, string action, string? urlAuthType) =>
            SignedRequests.SendAsync(host.Http, host.Endpoint, HttpMethod.Post, "/2015-03-31/functions/granted/policy",
                JsonSerializer.Serialize(new Dictionary<string, string?> { ["StatementId"] = sid, ["Action"] = action, ["Principal"] = role, ["FunctionUrlAuthType"] = urlAuthType }
                    .Where(p => p.Value is not null).ToDictionary()), PolicyHost.Root);

        using var before = await CallUrl();

        // When: granted's resource policy lets caller's role invoke its URL (as `aws lambda add-permission --function-url-auth-type AWS_IAM`)
        using var added = await Grant("url-for-caller", "lambda:InvokeFunctionUrl", "AWS_IAM");
        using var afterGrant = await CallUrl();
        using var invokeNotGranted = await host.InvokeSignedAsync("granted", caller);
        using var addedInvoke = await Grant("invoke-for-caller", "lambda:InvokeFunction", null);
        using var invokeGranted = await host.InvokeSignedAsync("granted", caller);
        using var removed = await SignedRequests.SendAsync(host.Http, host.Endpoint, HttpMethod.Delete, "/2015-03-31/functions/granted/policy/url-for-caller", null, PolicyHost.Root);
        using var afterRemove = await CallUrl();

        // Then
        Assert.Equal(403, (int)before.StatusCode);
        Assert.Equal(201, (int)added.StatusCode);
        Assert.Equal(200, (int)afterGrant.StatusCode);
        Assert.Equal(403, (int)invokeNotGranted.StatusCode);
        Assert.Equal(201, (int)addedInvoke.StatusCode);
        Assert.Equal(200, (int)invokeGranted.StatusCode);
        Assert.Equal(204, (int)removed.StatusCode);
        Assert.Equal(403, (int)afterRemove.StatusCode);
    }

    [Fact]
    public async Task FunctionCredentials_WithoutTheirSessionToken_AreRefused()
    {
        var (caller, _) = await host.OwnCredentialsAsync("caller");

        using var response = await host.InvokeSignedAsync("callee", caller with { SessionToken = null });

        Assert.Equal(403, (int)response.StatusCode);
        Assert.Equal("UnrecognizedClientException", (await SignedRequests.ErrorOf(response)).ErrorType);
    }

    [Fact]
    public void EveryControlPlaneAndInvokeEndpoint_NamesTheIamActionItPerforms()
    {
        var endpoints = host.Host.Endpoints.OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/20", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(endpoints);
        Assert.All(endpoints, e => Assert.True(e.Metadata.GetMetadata<LambdaAction>() is not null, e.DisplayName));
    }
}
