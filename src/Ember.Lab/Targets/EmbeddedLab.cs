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
    private EmbeddedLab(EmberHost host, IReadOnlyList<ILabTarget> targets, IReadOnlyList<string> notes)
    {
        Host = host;
        Targets = targets;
        Notes = notes;
    }

    public EmberHost Host { get; }
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
            TemplatePath = templatePath,
            Port = 0,
            DataDirectory = dataDirectory,
            FunctionNames = runtimes.Select(r => r.FunctionName).ToHashSet(),
            Output = output,
        }, cancellationToken).ConfigureAwait(false);

        var lab = new EmbeddedLab(host, [], notes);
        var targets = new List<ILabTarget>();
        targets.AddRange(runtimes.Select(r => new HostLabTarget(host, r)));
        targets.AddRange(options.RemoteUrls.Select(pair => new RemoteLabTarget(pair.Key, pair.Value)));
        lab.Targets = targets;
        return lab;
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, tool)));

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync().ConfigureAwait(false);
    }
}
