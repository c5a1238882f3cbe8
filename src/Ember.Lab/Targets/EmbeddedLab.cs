using Ember.Host;
using Ember.Lab.Runner;

namespace Ember.Lab.Targets;

/// <summary>
/// The lab's own host: the telemetry functions the run asks for, built and served on a free loopback
/// port for the length of the run, with their targets. A runtime whose toolchain is missing is left
/// out with a note instead of failing the run.
/// </summary>
internal sealed class EmbeddedLab : IAsyncDisposable
{
    private EmbeddedLab(EmberHost host, EmberHost? ioHost, IReadOnlyList<ILabTarget> targets, IReadOnlyList<string> notes)
    {
        Host = host;
        IoHost = ioHost;
        Targets = targets;
        Notes = notes;
    }

    public EmberHost Host { get; }

    /// <summary>The host of the I/O-bound variants and their DynamoDB (<c>--scenario io</c>), or null.</summary>
    public EmberHost? IoHost { get; }
    public IReadOnlyList<ILabTarget> Targets { get; private set; }
    public IReadOnlyList<string> Notes { get; }

    public static async Task<EmbeddedLab> StartAsync(LabOptions options, string templatePath, string dataDirectory,
        Action<string>? output, CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        var runtimes = new List<TelemetryRuntime>();
        foreach (var name in options.Runtimes)
        {
            var runtime = TelemetryRuntime.Find(name)
                ?? throw new ArgumentException($"--runtimes: '{name}' is not one of {string.Join(", ", TelemetryRuntime.All.Select(r => r.Name))}.");
            if (runtime.Toolchain is { } tool && !OnPath(tool))
            {
                notes.Add($"{runtime.Name}: skipped, '{tool}' is not installed (apt-get install -y {(tool == "go" ? "golang-go" : tool)}).");
                continue;
            }
            runtimes.Add(runtime);
        }

        var host = await EmberHost.StartAsync(new HostOptions
        {
            PythonCompat = true,
            TemplatePath = templatePath,
            Port = 0,
            DataDirectory = dataDirectory,
            FunctionNames = runtimes.Select(r => r.FunctionName).ToHashSet(),
            Output = output,
        }, cancellationToken).ConfigureAwait(false);

        notes.AddRange(host.Functions.All.Select(f => host.Functions.Launchers.SubstitutionNote(f.Configuration)).OfType<string>());

        EmberHost? ioHost = null;
        var ioRuntimes = new List<TelemetryRuntime>();
        if (options.Scenario == "io" && !OnPath("node"))
        {
            notes.Add("--scenario io: skipped, the local DynamoDB it writes to needs Node.js (apt-get install -y nodejs npm; tools/dynamodb/install.sh).");
        }
        else if (options.Scenario == "io")
        {
            ioRuntimes.AddRange(IoPrerequisites(runtimes, notes));
            if (ioRuntimes.Count > 0)
            {
                try
                {
                    // A host of their own: the variants' template, with its table on a local DynamoDB.
                    ioHost = await EmberHost.StartAsync(new HostOptions
                    {
                        PythonCompat = true,
                        TemplatePath = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(templatePath))!, "telemetry-io", "template.yaml"),
                        Port = 0,
                        DataDirectory = dataDirectory + "-io",
                        FunctionNames = ioRuntimes.Select(r => r.FunctionName).ToHashSet(),
                        DynamoDbPort = 0,
                        Output = output,
                    }, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    await host.DisposeAsync().ConfigureAwait(false);
                    throw;
                }
            }
        }

        var lab = new EmbeddedLab(host, ioHost, [], notes);
        var targets = new List<ILabTarget>();
        targets.AddRange(runtimes.Select(r => new HostLabTarget(host, r)));
        if (ioHost is not null)
        {
            targets.AddRange(ioRuntimes.Select(r => new HostLabTarget(ioHost, r)));
        }
        targets.AddRange(options.RemoteUrls.Select(pair => new RemoteLabTarget(pair.Key, pair.Value)));
        lab.Targets = targets;
        return lab;
    }

    /// <summary>The I/O-bound variants of the runtimes measured, leaving out (with a note) those whose SDK is not installed.</summary>
    private static IEnumerable<TelemetryRuntime> IoPrerequisites(IEnumerable<TelemetryRuntime> runtimes, List<string> notes)
    {
        foreach (var runtime in runtimes)
        {
            if (TelemetryRuntime.IoVariantOf(runtime.Name) is not { } variant)
            {
                continue;
            }
            var missing = variant.Name switch
            {
                "go-io" when !Directory.Exists("/usr/share/gocode/src/github.com/aws/aws-sdk-go-v2/service/dynamodb") => "golang-github-aws-aws-sdk-go-v2-dev",
                "python-io" when !File.Exists("/usr/lib/python3/dist-packages/boto3/__init__.py") => "python3-boto3",
                _ => null,
            };
            if (missing is not null)
            {
                notes.Add($"{variant.Name}: skipped, its AWS SDK is not installed (apt-get install -y {missing}).");
                continue;
            }
            yield return variant;
        }
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, tool)));

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync().ConfigureAwait(false);
        if (IoHost is not null)
        {
            await IoHost.DisposeAsync().ConfigureAwait(false);
        }
    }
}
