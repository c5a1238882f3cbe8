using System.Buffers;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Telemetry.Core;

namespace Ember.Telemetry.Tests;

/// <summary>
/// Runs an event through each implementation's offline entry point: C# in process, Go as
/// `bootstrap --stdin` (built once per test run into a temporary folder), Python as `python3 app.py`.
/// </summary>
public sealed partial class TelemetryImplementations : IDisposable
{
    public static readonly string[] Languages = ["csharp", "go", "python"];

    private readonly string _goDirectory = Path.Combine(Path.GetTempPath(), "ember-telemetry-go-" + Guid.NewGuid().ToString("N"));
    private readonly Lazy<string> _goBinary;

    public TelemetryImplementations()
    {
        _goBinary = new Lazy<string>(BuildGo);
    }

    /// <summary>The comparable answer: status code, newline, body without compute_ms and language (or just the error for a 400).</summary>
    public string Answer(string language, byte[] functionUrlEvent)
    {
        string response = language switch
        {
            "csharp" => RunCSharp(functionUrlEvent),
            "go" => Run(_goBinary.Value, ["--stdin"], RepositoryPaths.Root, functionUrlEvent),
            "python" => Run("python3", ["app.py"], Path.Combine(RepositoryPaths.Telemetry, "python"), functionUrlEvent),
            _ => throw new ArgumentOutOfRangeException(nameof(language), language, null),
        };
        return Normalize(response, language);
    }

    private static string RunCSharp(byte[] functionUrlEvent)
    {
        var output = new ArrayBufferWriter<byte>();
        TelemetryAggregator.Handle(functionUrlEvent, output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    internal static string Normalize(string response, string language)
    {
        using JsonDocument document = JsonDocument.Parse(response);
        int status = document.RootElement.GetProperty("statusCode").GetInt32();
        string body = document.RootElement.GetProperty("body").GetString()!;
        if (status != 200)
        {
            using JsonDocument error = JsonDocument.Parse(body);
            Assert.Equal(JsonValueKind.String, error.RootElement.GetProperty("detail").ValueKind);
            return $"{status}\n{{\"error\":\"{error.RootElement.GetProperty("error").GetString()}\"}}";
        }
        Match informational = InformationalFields().Match(body);
        Assert.True(informational.Success, $"{language}: compute_ms and language must end the body: {body}");
        Assert.Equal(language, informational.Groups["language"].Value);
        return $"{status}\n{body[..informational.Index]}}}";
    }

    [GeneratedRegex(""","compute_ms":\d+,"language":"(?<language>[a-z]+)"}$""")]
    private static partial Regex InformationalFields();

    private string BuildGo()
    {
        Directory.CreateDirectory(_goDirectory);
        string binary = Path.Combine(_goDirectory, "bootstrap");
        Run("go", ["build", "-o", binary, "."], Path.Combine(RepositoryPaths.Telemetry, "go"), []);
        return binary;
    }

    private static string Run(string fileName, string[] arguments, string workingDirectory, byte[] stdin)
    {
        // The Go binary serves the Runtime API when AWS_LAMBDA_RUNTIME_API is set; tests want its stdin mode.
        var result = ProcessRunner.Run(fileName, arguments, TimeSpan.FromSeconds(60), workingDirectory,
            new Dictionary<string, string?> { ["AWS_LAMBDA_RUNTIME_API"] = null }, stdin);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} exited {result.ExitCode}: {result.Stderr}");
        }
        return result.Stdout;
    }

    public void Dispose()
    {
        if (Directory.Exists(_goDirectory))
        {
            Directory.Delete(_goDirectory, recursive: true);
        }
    }
}
