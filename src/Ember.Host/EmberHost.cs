using System.Net;
using Ember.Host.Environments;
using Ember.Host.Environments.Isolation;
using Ember.Host.FunctionUrls;
using Ember.Host.Functions;
using Ember.Host.Invocations;
using Ember.Host.InvokeApi;
using Ember.Host.Logs;
using Ember.Host.Records;
using Ember.Host.Runtimes;
using Ember.Host.Templates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ember.Host;

/// <summary>
/// A running Ember host: the functions of a template served as Lambda does, behind the Invoke API
/// and Function URLs on one loopback port. Start with <see cref="StartAsync"/>; dispose to shut every
/// environment down (SIGTERM, grace, SIGKILL).
/// </summary>
internal sealed class EmberHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Timer _idleSweep;
    private readonly RuntimeLaunchers _launchers;
    private int _disposed;

    private EmberHost(HostOptions options, WebApplication app, InvocationStore store, RuntimeLaunchers launchers, IEnvironmentIsolation isolation)
    {
        Options = options;
        _app = app;
        Records = store;
        _launchers = launchers;
        Isolation = isolation;
        Functions = new FunctionRegistry();
        Invocations = new InvocationService(Functions, store, options);
        Events = new EventQueue(Invocations, options.EventRetryDelays, Say);
        var sweep = TimeSpan.FromTicks(Math.Clamp(options.IdleTimeout.Ticks / 4, TimeSpan.FromSeconds(1).Ticks, TimeSpan.FromSeconds(30).Ticks));
        _idleSweep = new Timer(_ => RetireIdle(), null, sweep, sweep);
    }

    public HostOptions Options { get; }
    public FunctionRegistry Functions { get; }
    public InvocationService Invocations { get; }
    public EventQueue Events { get; }
    public InvocationStore Records { get; }
    public IEnvironmentIsolation Isolation { get; }
    public IReadOnlyList<TemplateProblem> Warnings { get; private set; } = [];

    /// <summary>http://127.0.0.1:PORT/</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public string FunctionUrl(string functionName) => $"{BaseAddress.ToString().TrimEnd('/')}{FunctionUrlEndpoints.Prefix}{functionName}/";

    public static async Task<EmberHost> StartAsync(HostOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Directory.CreateDirectory(options.DataDirectory);
        var output = options.Output ?? (_ => { });
        var launchers = new RuntimeLaunchers();

        // Read and check the template before anything listens: a bad template never starts a host.
        IReadOnlyList<FunctionConfiguration> configurations = [];
        IReadOnlyList<TemplateProblem> warnings = [];
        if (options.TemplatePath is not null)
        {
            var read = new SamTemplateReader(options.Region).Read(options.TemplatePath);
            warnings = read.Warnings;
            var loader = new FunctionLoader(options.DataDirectory, launchers, output);
            var selected = options.FunctionNames is { } names ? [.. read.Functions.Where(f => names.Contains(f.Name))] : read.Functions;
            configurations = await loader.LoadAsync(Path.GetFullPath(options.TemplatePath), selected, cancellationToken).ConfigureAwait(false);
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port);
            kestrel.AddServerHeader = false;
            // Bodies are read and limited by the endpoints, so that an oversized payload gets Lambda's 413.
            kestrel.Limits.MaxRequestBodySize = 64 * 1024 * 1024;
        });
        var app = builder.Build();
        var store = InvocationStore.Open(options.DataDirectory);
        var isolation = options.Isolation ?? EnvironmentIsolationFactory.Detect(options.NoLimits, options.Freeze);
        var host = new EmberHost(options, app, store, launchers, isolation) { Warnings = warnings };
        foreach (var warning in warnings)
        {
            output("warning: " + warning);
        }
        foreach (var configuration in configurations)
        {
            host.AddFunction(configuration);
        }
        app.MapGet("/", (HttpContext context) => host.WriteIndexAsync(context));
        InvokeEndpoints.Map(app, host);
        FunctionUrlEndpoints.Map(app, host);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw new HostStartException($"cannot listen on 127.0.0.1:{options.Port}: {e.Message}. Is another host running? Pick another port with --port.", e);
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        host.BaseAddress = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal) + "/");
        return host;
    }

    /// <summary>Adds a function to the running host; false if one of that name exists.</summary>
    public bool AddFunction(FunctionConfiguration configuration)
    {
        var log = new FunctionLog(configuration.Name, Path.Combine(Options.DataDirectory, "logs"), Options.LogEcho);
        var pool = new EnvironmentPool(SettingsFor(configuration, "$LATEST", log));
        var function = new LambdaFunction(pool, log, Options.Region) { ReservedConcurrency = configuration.ReservedConcurrency };
        return Functions.TryAdd(function);
    }

    public EnvironmentSettings SettingsFor(FunctionConfiguration configuration, string version, FunctionLog log) => new()
    {
        Configuration = configuration,
        Version = version,
        Launch = _launchers.For(configuration),
        Isolation = Isolation,
        Log = log,
        Region = Options.Region,
        ShutdownGrace = Options.ShutdownGrace,
        InitTimeout = Options.InitTimeout,
        Credentials = Credentials(),
    };

    private static Dictionary<string, string> Credentials()
    {
        // The function gets the caller's credentials where set (so it can reach real AWS), dummy ones otherwise.
        var credentials = new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID") ?? "EMBERLOCALACCESSKEY",
            ["AWS_SECRET_ACCESS_KEY"] = Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY") ?? "ember-local-secret-access-key",
        };
        credentials["AWS_SESSION_TOKEN"] = Environment.GetEnvironmentVariable("AWS_SESSION_TOKEN") ?? "ember-local-session-token";
        return credentials;
    }

    private Task WriteIndexAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json";
        var functions = Functions.All.Select(f =>
            $"{{\"name\":{Json.Quote(f.Name)},\"runtime\":{Json.Quote(f.Configuration.Runtime)},\"memoryMb\":{f.Configuration.MemoryMb}"
            + (f.Configuration.UrlAuthType is null ? "" : $",\"url\":{Json.Quote(FunctionUrl(f.Name))}") + "}");
        return context.Response.WriteAsync($"{{\"service\":\"ember\",\"functions\":[{string.Join(',', functions)}]}}");
    }

    private void Say(string message) => Options.Output?.Invoke(message);

    private void RetireIdle()
    {
        foreach (var function in Functions.All)
        {
            function.Latest.RetireIdle(Options.IdleTimeout);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        await _idleSweep.DisposeAsync().ConfigureAwait(false);
        await _app.StopAsync().ConfigureAwait(false);
        await Events.DisposeAsync().ConfigureAwait(false);
        await Task.WhenAll(Functions.All.Select(f => f.DisposeAsync().AsTask())).ConfigureAwait(false);
        await Records.DisposeAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        if (Options.Isolation is null)
        {
            // The host made it, so the host removes its cgroups.
            Isolation.Dispose();
        }
    }
}
