using System.Net;
using Ember.Host.Auth;
using Ember.Host.DynamoDb;
using Ember.Host.ControlPlane;
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
using Microsoft.AspNetCore.Routing;
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
    private int _disposed;

    private EmberHost(HostOptions options, WebApplication app, InvocationStore store, RuntimeLaunchers launchers, IEnvironmentIsolation isolation,
        SandboxUsers? users, EmberMetrics metrics)
    {
        Options = options;
        _app = app;
        Records = store;
        Isolation = isolation;
        Functions = new FunctionCatalog(options, launchers, isolation, users, metrics);
        Users = users;
        Invocations = new InvocationService(Functions, store, options);
        Events = new EventQueue(Invocations, Functions, EventStore.Open(options.DataDirectory), options.EventRetryDelays, options.EventMaxAge, Say,
            Functions.Loggers.CreateLogger(HostLog.Invocations));
        store.Writing.Observe(Functions.Loggers.CreateLogger(HostLog.Host), "writing invocation records to " + store.Path);
        Control = new ControlPlaneService(Functions, new FunctionStore(options.DataDirectory));
        Signatures = options.Credentials is { } root
            ? new SignatureGuard(root, Functions, TimeProvider.System)
            : null;
        var sweep = TimeSpan.FromTicks(Math.Clamp(options.IdleTimeout.Ticks / 4, TimeSpan.FromSeconds(1).Ticks, TimeSpan.FromSeconds(30).Ticks));
        _idleSweep = new Timer(_ => RetireIdle(), null, sweep, sweep);
    }

    public HostOptions Options { get; }
    public FunctionCatalog Functions { get; }
    public InvocationService Invocations { get; }
    public EventQueue Events { get; }
    public InvocationStore Records { get; }
    public IEnvironmentIsolation Isolation { get; }

    /// <summary>The local DynamoDB server of the template's tables; null when it declares none (or --no-dynamodb).</summary>
    internal LocalDynamoDb? DynamoDb { get; private init; }

    /// <summary>Each environment's own user; null when environments run as the host's user.</summary>
    internal SandboxUsers? Users { get; }
    internal ControlPlaneService Control { get; }

    /// <summary>The SigV4 check, when the host requires signed requests (<see cref="HostOptions.Credentials"/>).</summary>
    internal SignatureGuard? Signatures { get; }
    public IReadOnlyList<TemplateProblem> Warnings { get; private set; } = [];

    /// <summary>Every endpoint the host serves (for tests that check each names what it needs).</summary>
    internal IEnumerable<Endpoint> Endpoints => ((IEndpointRouteBuilder)_app).DataSources.SelectMany(d => d.Endpoints);

    /// <summary>http://127.0.0.1:PORT/</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The template's APIs (Api and HttpApi events), when served: http://127.0.0.1:API-PORT/; null otherwise.</summary>
    public Uri? ApiAddress { get; private set; }

    /// <summary>The routes served on <see cref="ApiAddress"/>; null when none are.</summary>
    internal ApiGateway.ApiRouteTable? ApiRoutes { get; private set; }

    public string FunctionUrl(string functionName) => Functions.FunctionUrl(functionName);

    public static async Task<EmberHost> StartAsync(HostOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Directory.CreateDirectory(options.DataDirectory);
        var output = options.Output ?? (_ => { });
        SandboxUsers? users = null;
        if (options.SandboxUsers && (users = SandboxUsers.Detect(out var whyNot)) is null)
        {
            output($"warning: environments are not separate users: {whyNot}.");
        }
        var launchers = new RuntimeLaunchers(forOtherUsers: users is not null, pythonCompat: options.PythonCompat, dotnetCompat: options.DotnetCompat);

        // Read and check the template before anything listens: a bad template never starts a host.
        IReadOnlyList<FunctionConfiguration> configurations = [];
        IReadOnlyList<TemplateProblem> warnings = [];
        IReadOnlyList<TemplateTable> tables = [];
        ApiGateway.ApiRouteTable? apiRoutes = null;
        if (options.TemplatePath is not null)
        {
            var buildCache = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(options.TemplatePath))!, ".ember", "build");
            var loader = new FunctionLoader(options.DataDirectory, buildCache, launchers, output);
            TemplateReadResult read;
            try
            {
                read = new SamTemplateReader(options.Region).Read(options.TemplatePath);
            }
            catch (TemplateException e) when (e.Readable.Count > 0)
            {
                // Every problem in one report: with those of the functions that were read well, short of building them.
                throw TemplateException.Invalid(e.Path, [.. e.Problems, .. loader.CheckWithoutBuilding(e.Readable)]);
            }
            warnings = read.Warnings;
            tables = read.Tables;
            var selected = options.FunctionNames is { } names ? [.. read.Functions.Where(f => names.Contains(f.Name))] : read.Functions;
            configurations = await loader.LoadAsync(Path.GetFullPath(options.TemplatePath), selected, cancellationToken).ConfigureAwait(false);
            if (options.Api is { } onlyApi && read.Apis.All(a => a.LogicalId != onlyApi))
            {
                throw new HostStartException($"--api: the template has no API '{onlyApi}'; it has {(read.Apis.Count == 0 ? "none" : string.Join(", ", read.Apis.Select(a => a.LogicalId)))}.");
            }
            var served = selected.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
            var routes = read.Routes.Where(r => served.Contains(r.FunctionName) && (options.Api is null || r.ApiId == options.Api)).ToList();
            if (options.ApiPort is not null && routes.Count > 0)
            {
                apiRoutes = new ApiGateway.ApiRouteTable(routes, [.. read.Apis.Where(a => routes.Any(r => r.ApiId == a.LogicalId))]);
            }
        }

        // The empty builder: no configuration files and no logging providers. The slim one loads
        // appsettings.json with reload-on-change, which watches the whole working directory tree
        // (983 inotify watches for this repository), so every log line, record and unpacked file the
        // host writes under it wakes a file-system watcher.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddRoutingCore();
        builder.Services.AddMetrics();
        // The APIs get a port of their own; 0 is resolved here, so that requests can be told apart by it.
        var apiPort = apiRoutes is null ? (int?)null : options.ApiPort == 0 ? FreePort() : options.ApiPort;
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port);
            if (apiPort is { } port)
            {
                kestrel.Listen(IPAddress.Loopback, port);
            }
            kestrel.AddServerHeader = false;
            // Bodies are read and limited by the endpoints, so that an oversized payload gets Lambda's 413.
            kestrel.Limits.MaxRequestBodySize = 64 * 1024 * 1024;
        });
        var app = builder.Build();
        // The template's tables on a real local DynamoDB API, before any function can start.
        LocalDynamoDb? dynamoDb = null;
        if (tables.Count > 0 && options.DynamoDb)
        {
            dynamoDb = await LocalDynamoDb.StartAsync(tables, options.DataDirectory, options.DynamoDbPort, options.Region, output, cancellationToken)
                .ConfigureAwait(false);
            output($"DynamoDB: {dynamoDb.Endpoint.ToString().TrimEnd('/')} with {string.Join(", ", tables.Select(t => t.Name))} (functions get it as AWS_ENDPOINT_URL_DYNAMODB)");
        }
        var store = InvocationStore.Open(options.DataDirectory);
        if (users is not null)
        {
            Folders.KeepPrivate(options.DataDirectory, shared: "code");
        }
        var isolation = options.Isolation ?? EnvironmentIsolationFactory.Detect(options.NoLimits, options.Freeze);
        var host = new EmberHost(options, app, store, launchers, isolation, users,
            new EmberMetrics(app.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>())) { DynamoDb = dynamoDb, Warnings = warnings };
        host.Functions.DynamoDbEndpoint = dynamoDb?.Endpoint;
        foreach (var warning in warnings)
        {
            output("warning: " + warning);
        }
        foreach (var configuration in configurations)
        {
            host.AddFunction(configuration);
        }
        // Functions created through the API in earlier runs come back, beside (never over) the template's.
        host.Control.Restore(output);
        // Then the Event invocations an earlier run accepted and did not finish.
        host.Events.Recover();
        if (apiRoutes is not null)
        {
            // API Gateway's port serves the APIs and nothing else: no control plane, no Invoke API there.
            var gateway = new ApiGateway.ApiGatewayEndpoint(host, apiRoutes);
            host.ApiRoutes = apiRoutes;
            app.Use((context, next) => context.Connection.LocalPort == apiPort ? gateway.HandleAsync(context) : next(context));
        }
        app.Use((context, next) => WebPageGuard.InvokeAsync(context, () => next(context)));
        if (host.Signatures is { } signatures)
        {
            app.Use((context, next) => signatures.InvokeAsync(context, () => next(context)));
        }
        app.MapGet("/", (HttpContext context) => host.WriteIndexAsync(context));
        InvokeEndpoints.Map(app, host);
        FunctionEndpoints.Map(app, host.Control);
        VersionEndpoints.Map(app, host.Control);
        AliasEndpoints.Map(app, host.Control);
        ConcurrencyEndpoints.Map(app, host.Control);
        FunctionUrlConfigEndpoints.Map(app, host.Control);
        PolicyAndTagEndpoints.Map(app, host.Control);
        EventInvokeConfigEndpoints.Map(app, host.Control);
        FunctionSettingsEndpoints.Map(app, host.Control);
        FunctionUrlEndpoints.Map(app, host);
        app.MapFallback(PolicyAndTagEndpoints.UnknownOperationAsync);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw new HostStartException(apiPort is null
                ? $"cannot listen on 127.0.0.1:{options.Port}: {e.Message}. Is another host running? Pick another port with --port."
                : $"cannot listen on 127.0.0.1:{options.Port} and 127.0.0.1:{apiPort}: {e.Message}. Is another host running? Pick other ports with --port and --api-port.", e);
        }
        if (apiPort is { } listening)
        {
            host.ApiAddress = new Uri($"http://127.0.0.1:{listening}/");
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First(a => new Uri(a.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal)).Port != apiPort);
        host.BaseAddress = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal) + "/");
        host.Functions.Endpoint = host.BaseAddress;
        return host;
    }

    /// <summary>Adds a template function to the running host; false if one of that name exists.</summary>
    public bool AddFunction(FunctionConfiguration configuration) => Functions.Add(configuration, fromTemplate: true) is not null;

    /// <summary>
    /// Changes a function's $LATEST configuration as UpdateFunctionConfiguration does, and returns
    /// once LastUpdateStatus is Successful: idle environments are retired at once, busy ones when
    /// their invocation ends, so the next invoke is a cold start with the new configuration.
    /// Throws <see cref="InvalidOperationException"/> naming the reason when the update is refused or Failed.
    /// </summary>
    internal async Task UpdateConfigurationAsync(string name, Func<FunctionConfiguration, FunctionConfiguration> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(change);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            await Control.UpdateConfigurationAsync(name, change).ConfigureAwait(false);
        }
        catch (ControlPlaneException e)
        {
            throw new InvalidOperationException($"{e.ErrorType}: {e.Message}", e);
        }
        ThrowIfFailed(name);
    }

    /// <summary>Replaces a function's code with a zip, as UpdateFunctionCode does; returns once Successful.</summary>
    internal async Task UpdateCodeAsync(string name, byte[] zip, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(zip);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            await Control.UpdateCodeAsync(name, zip).ConfigureAwait(false);
        }
        catch (ControlPlaneException e)
        {
            throw new InvalidOperationException($"{e.ErrorType}: {e.Message}", e);
        }
        ThrowIfFailed(name);
    }

    /// <summary>Creates a function from a zip, as CreateFunction does; Name, Runtime and Handler are required, CodeDirectory is ignored.</summary>
    internal async Task CreateFunctionAsync(FunctionConfiguration configuration, byte[] zip)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(zip);
        try
        {
            await Control.CreateFunctionAsync(configuration, zip, publish: false).ConfigureAwait(false);
        }
        catch (ControlPlaneException e)
        {
            throw new InvalidOperationException($"{e.ErrorType}: {e.Message}", e);
        }
    }

    /// <summary>Publishes $LATEST as a new version (or returns the newest if nothing changed since) and returns its number ("1", "2", …).</summary>
    internal async Task<string> PublishVersionAsync(string name, string? description = null)
    {
        try
        {
            return (await Control.PublishVersionAsync(name, description).ConfigureAwait(false)).Number;
        }
        catch (ControlPlaneException e)
        {
            throw new InvalidOperationException($"{e.ErrorType}: {e.Message}", e);
        }
    }

    /// <summary>
    /// Sets provisioned concurrency on a version or alias and returns once its environments are
    /// initialised (Status READY), or throws when one failed to initialise.
    /// </summary>
    internal async Task ProvisionConcurrencyAsync(string name, string qualifier, int count, CancellationToken cancellationToken = default)
    {
        Task ready;
        try
        {
            (_, ready) = await Control.PutProvisionedAsync(name, qualifier, count).ConfigureAwait(false);
        }
        catch (ControlPlaneException e)
        {
            throw new InvalidOperationException($"{e.ErrorType}: {e.Message}", e);
        }
        await ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        Control.GetProvisioned(name, qualifier, out var pool);
        if (pool.ProvisionedStatus.Failure is { } failure)
        {
            throw new InvalidOperationException(failure);
        }
    }

    private void ThrowIfFailed(string name)
    {
        if (Functions.TryGet(name, out var function) && function.LastUpdateStatus == Wire.ControlPlaneValues.UpdateFailed)
        {
            throw new InvalidOperationException($"the update of {name} failed: {function.LastUpdateStatusReason}");
        }
    }

    private static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private Task WriteIndexAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json";
        var functions = Functions.All.Select(f =>
            $"{{\"name\":{Json.Quote(f.Name)},\"runtime\":{Json.Quote(f.Configuration.Runtime)},\"memoryMb\":{f.Configuration.MemoryMb}"
            + (f.Url is null ? "" : $",\"url\":{Json.Quote(FunctionUrl(f.Name))}") + "}");
        return context.Response.WriteAsync($"{{\"service\":\"ember\",\"functions\":[{string.Join(',', functions)}]}}");
    }

    private void Say(string message) => Options.Output?.Invoke(message);

    private void RetireIdle()
    {
        foreach (var pool in Functions.All.SelectMany(f => f.Pools))
        {
            pool.RetireIdle(Options.IdleTimeout);
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
        if (DynamoDb is { } dynamoDb)
        {
            await dynamoDb.DisposeAsync().ConfigureAwait(false);
        }
        Functions.TempRoot.Dispose();
        if (Options.Isolation is null)
        {
            // The host made it, so the host removes its cgroups.
            Isolation.Dispose();
        }
    }
}
