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

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body, AwsCredentials? signer, DateTimeOffset? at = null)
    {
        using var request = new HttpRequestMessage(method, host.Endpoint + path);
        var bytes = Encoding.UTF8.GetBytes(body ?? "");
        if (body is not null)
        {
            request.Content = new ByteArrayContent(bytes);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        if (signer is not null)
        {
            List<KeyValuePair<string, string>> headers = [new("Host", new Uri(host.Endpoint).Authority)];
            if (body is not null)
            {
                headers.Add(new("Content-Type", "application/json"));
            }
            var question = path.IndexOf('?');
            var signing = new SignedRequest(method.Method, question < 0 ? path : path[..question], question < 0 ? "" : path[(question + 1)..], headers, bytes);
            foreach (var (name, value) in SigV4.Sign(signing, signer, "us-east-1", "lambda", at ?? DateTimeOffset.UtcNow))
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }
        return await host.Http.SendAsync(request);
    }

    private static async Task<(string? ErrorType, string Message)> ErrorOf(HttpResponseMessage response) =>
        (response.Headers.TryGetValues("x-amzn-ErrorType", out var t) ? t.Single() : null,
         JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString()!);

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
