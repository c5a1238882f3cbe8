using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Ember.Host.Tests.Functional;
using Xunit.Abstractions;

namespace Ember.Host.Tests.ControlPlane;

/// <summary>
/// A real host that starts with no template, for driving the control plane with the AWS CLI.
/// Restartable on the same data directory; functions are deployed from the test Functions folder as zips.
/// </summary>
public class ControlPlaneHost : HostFixture
{
    public string Endpoint => Host.BaseAddress.ToString().TrimEnd('/');

    private protected override HostOptions Configure(HostOptions options) => options with { TemplatePath = null };

    /// <summary>What the AWS CLI signs with: null for the tests' placeholder keys (the host checks no signature).</summary>
    internal virtual (string AccessKeyId, string Secret)? CliCredentials => null;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Scratch.Dispose();
    }

    /// <summary>A folder for the zips tests hand to the AWS CLI, removed with the fixture.</summary>
    internal TempDirectory Scratch { get; } = new("ember-cp-zips-");

    /// <summary>A zip of the test Python handlers (handlers.echo and friends), with one more empty file if asked.</summary>
    public static byte[] PythonZipBytes(string? extraFile = null)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            zip.CreateEntryFromFile(Path.Combine(HostFixture.FunctionsDirectory, "python", "handlers.py"), "handlers.py");
            if (extraFile is not null)
            {
                zip.CreateEntry(extraFile).Open().Dispose();
            }
        }
        return stream.ToArray();
    }

    /// <summary><see cref="PythonZipBytes"/> written to a file in <see cref="Scratch"/>, for `--zip-file fileb://`.</summary>
    public string PythonZip(string? extraFile = null)
    {
        var path = Scratch.File(Guid.NewGuid().ToString("N")[..8] + ".zip");
        File.WriteAllBytes(path, PythonZipBytes(extraFile));
        return path;
    }

    /// <summary>Runs `aws lambda COMMAND … --endpoint-url HOST` with the AWS CLI v2 (the test is skipped where there is none).</summary>
    internal async Task<ProcessResult> AwsAsync(params string[] arguments) =>
        await Tools.AwsAsync(["lambda", .. arguments, "--endpoint-url", Endpoint, "--output", "json", "--cli-binary-format", "raw-in-base64-out"], CliCredentials);

    /// <summary>Runs an AWS CLI command that must succeed, and returns its JSON output (null when it printed none).</summary>
    public async Task<JsonElement> AwsJsonAsync(params string[] arguments)
    {
        var (code, stdout, stderr) = await AwsAsync(arguments);
        Assert.True(code == 0, $"aws lambda {string.Join(' ', arguments)} exited {code}: {stderr}");
        return stdout.Trim().Length == 0 ? default : JsonDocument.Parse(stdout).RootElement.Clone();
    }

    public async Task CreatePythonFunctionAsync(string name, params string[] more)
    {
        // A full vCPU (1,769 MB) unless the test sets its own size: a busy machine must not time out its functions.
        string[] memory = more.Contains("--memory-size") ? [] : ["--memory-size", "1769"];
        await AwsJsonAsync(["create-function", "--function-name", name, "--runtime", "python3.12", "--handler", "handlers.echo",
            "--role", "arn:aws:iam::000000000000:role/lambda", "--zip-file", "fileb://" + PythonZip(), .. memory, .. more]);
    }

    /// <summary>Invokes through the Invoke API with the log tail; returns status, executed version, body and the decoded tail.</summary>
    public async Task<(int Status, string? Version, JsonElement Body, string Tail)> InvokeWithTailAsync(string function, string? qualifier = null, string payload = "{}")
    {
        var url = $"{Endpoint}/2015-03-31/functions/{function}/invocations" + (qualifier is null ? "" : "?Qualifier=" + qualifier);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(payload, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Amz-Log-Type", "Tail");
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var version = response.Headers.TryGetValues("X-Amz-Executed-Version", out var v) ? v.Single() : null;
        var tail = response.Headers.TryGetValues("X-Amz-Log-Result", out var t) ? Encoding.UTF8.GetString(Convert.FromBase64String(t.Single())) : "";
        return ((int)response.StatusCode, version, JsonDocument.Parse(text).RootElement.Clone(), tail);
    }
}
