using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Ember.Host.Auth;
using Xunit.Abstractions;

namespace Ember.Host.Tests.ControlPlane;

/// <summary>A host that, as Lambda, takes only requests SigV4-signed by credentials it knows.</summary>
public sealed class SignedHost : ControlPlaneHost
{
    internal static readonly AwsCredentials Root = new("AKIAEMBERTESTROOT000", "emberTestSecret/" + Guid.NewGuid().ToString("N"));

    private protected override HostOptions Configure(HostOptions options) => base.Configure(options) with { Credentials = Root };

    internal override (string AccessKeyId, string Secret)? CliCredentials => (Root.AccessKeyId, Root.SecretAccessKey);
}

/// <summary>The Invoke API and the control plane refuse what is not signed by the host's credentials, with Lambda's errors.</summary>
public sealed class SignatureTests(SignedHost host, ITestOutputHelper output) : IClassFixture<SignedHost>, IDisposable
{
    public void Dispose() => host.Dump(output);

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body, AwsCredentials? signer, DateTimeOffset? at = null) =>
        SignedRequests.SendAsync(host.Http, host.Endpoint, method, path, body, signer, at);

    private static Task<(string? ErrorType, string Message)> ErrorOf(HttpResponseMessage response) => SignedRequests.ErrorOf(response);

    [Fact]
    public async Task ListFunctions_Unsigned_Is403MissingAuthenticationToken()
    {
        using var response = await SendAsync(HttpMethod.Get, "/2015-03-31/functions/", null, signer: null);

        Assert.Equal(403, (int)response.StatusCode);
        Assert.Equal(("MissingAuthenticationTokenException", "Missing Authentication Token"), await ErrorOf(response));
        Assert.True(response.Headers.Contains("x-amzn-RequestId"));
    }

    [Fact]
    public async Task ListFunctions_SignedByTheHostsCredentials_Answers()
    {
        using var response = await SendAsync(HttpMethod.Get, "/2015-03-31/functions/", null, SignedHost.Root);

        Assert.Equal(200, (int)response.StatusCode);
    }

    [Fact]
    public async Task CreateFunction_SignedWithAnotherSecret_Is403InvalidSignatureAndCreatesNothing()
    {
        var body = JsonSerializer.Serialize(new { FunctionName = "forged", Runtime = "python3.12", Handler = "handlers.echo", Role = "r",
            Code = new { ZipFile = Convert.ToBase64String(ControlPlaneHost.PythonZipBytes()) } });

        using var response = await SendAsync(HttpMethod.Post, "/2015-03-31/functions", body, SignedHost.Root with { SecretAccessKey = "guessed" });

        Assert.Equal(403, (int)response.StatusCode);
        Assert.Equal("InvalidSignatureException", (await ErrorOf(response)).ErrorType);
        Assert.False(host.Host.Functions.TryGet("forged", out _));
    }

    [Fact]
    public async Task Invoke_SignedByAnUnknownKey_Is403UnrecognizedClient()
    {
        using var response = await SendAsync(HttpMethod.Post, "/2015-03-31/functions/any/invocations", "{}", new AwsCredentials("AKIAUNKNOWN000000000", "x"));

        Assert.Equal(403, (int)response.StatusCode);
        Assert.Equal(("UnrecognizedClientException", "The security token included in the request is invalid."), await ErrorOf(response));
    }

    [Fact]
    public async Task Invoke_SignedTenMinutesAgo_Is403SignatureExpired()
    {
        using var response = await SendAsync(HttpMethod.Post, "/2015-03-31/functions/any/invocations", "{}", SignedHost.Root, DateTimeOffset.UtcNow.AddMinutes(-10));

        var (errorType, message) = await ErrorOf(response);
        Assert.Equal(403, (int)response.StatusCode);
        Assert.Equal("InvalidSignatureException", errorType);
        Assert.StartsWith("Signature expired: ", message);
    }

    [SkippableFact]
    public async Task AwsCli_WithTheHostsCredentials_CreatesAndInvokes()
    {
        await host.CreatePythonFunctionAsync("signed-echo");
        using var temp = new TempDirectory("ember-signed-");

        var invoked = await host.AwsAsync("invoke", "--function-name", "arn:aws:lambda:us-east-1:000000000000:function:signed-echo",
            "--payload", """{"signed":true}""", temp.File("out.json"));

        Assert.True(invoked.ExitCode == 0, invoked.Stderr);
        Assert.True(JsonDocument.Parse(File.ReadAllText(temp.File("out.json"))).RootElement.GetProperty("event").GetProperty("signed").GetBoolean());
    }

    [SkippableFact]
    public async Task AwsCli_WithAWrongSecret_FailsWithInvalidSignature()
    {
        var result = await Tools.AwsAsync(["lambda", "list-functions", "--endpoint-url", host.Endpoint], (SignedHost.Root.AccessKeyId, "wrong"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("InvalidSignatureException", result.Stderr);
    }
}
