using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Ember.Host.Environments;
using Ember.Host.Environments.Isolation;
using Ember.Host.Logs;
using Ember.Host.Runtimes;
using Ember.Host.Wire;

namespace Ember.Host.Functions;

/// <summary>
/// The functions of the host, by name, and how a function's environments are set up. The host
/// (its composition root) and the control plane both depend on it; neither calls the other.
/// </summary>
internal sealed class FunctionCatalog
{
    private readonly ConcurrentDictionary<string, LambdaFunction> _functions = new(StringComparer.Ordinal);
    private readonly HostOptions _options;
    private readonly RuntimeLaunchers _launchers;
    private readonly IEnvironmentIsolation _isolation;
    private readonly IReadOnlyDictionary<string, string>? _passedCredentials;

    private readonly SandboxUsers? _users;
    private readonly Microsoft.Extensions.Logging.ILogger _environmentLogger;
    private readonly CpuDemand _cpuDemand;

    /// <summary>The host's metrics.</summary>
    public EmberMetrics Metrics { get; }

    /// <summary>The host's loggers (never null: a null factory when the options give none).</summary>
    public Microsoft.Extensions.Logging.ILoggerFactory Loggers { get; }

    /// <summary>How each runtime starts, and which Python runtimes this machine can run.</summary>
    public RuntimeLaunchers Launchers => _launchers;

    public FunctionCatalog(HostOptions options, RuntimeLaunchers launchers, IEnvironmentIsolation isolation, SandboxUsers? users = null,
        EmberMetrics? metrics = null)
    {
        Metrics = metrics ?? EmberMetrics.Detached();
        _users = users;
        Loggers = options.LoggerFactory ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;
        _environmentLogger = Loggers.CreateLogger(HostLog.Environments);
        var cores = Environment.ProcessorCount;
        _cpuDemand = new CpuDemand(cores, (busy, vcpus) => HostLog.CpuOversubscribed(_environmentLogger, busy, vcpus, cores));
        _options = options;
        _launchers = launchers;
        _isolation = isolation;
        _passedCredentials = options.PassAwsCredentials ? FunctionCredentials(options.Credentials, Environment.GetEnvironmentVariable) : null;
    }

    /// <summary>Each function's own credentials (see <see cref="AwsVariablesFor"/>).</summary>
    public Auth.FunctionKeys Keys { get; } = new();

    /// <summary>The host's Invoke API and control plane, once it listens; functions get it as AWS_ENDPOINT_URL_LAMBDA.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The local DynamoDB server's address, when the template declares tables; functions get it as AWS_ENDPOINT_URL_DYNAMODB.</summary>
    public Uri? DynamoDbEndpoint { get; set; }

    /// <summary>The Function URL of <paramref name="functionName"/> on this host (http://127.0.0.1:PORT/lambda-url/NAME/).</summary>
    public string FunctionUrl(string functionName) =>
        $"{(Endpoint ?? throw new InvalidOperationException("the host does not listen yet")).ToString().TrimEnd('/')}{FunctionUrls.FunctionUrlEndpoints.Prefix}{functionName}/";

    public string Region => _options.Region;

    /// <summary>The host-wide concurrency limit (Lambda's account limit, 1,000 by default).</summary>
    public int ConcurrencyLimit => _options.ConcurrencyLimit;
    public string DataDirectory => _options.DataDirectory;

    public IReadOnlyList<LambdaFunction> All => [.. _functions.Values.OrderBy(f => f.Name, StringComparer.Ordinal)];

    public bool TryGet(string name, [NotNullWhen(true)] out LambdaFunction? function) => _functions.TryGetValue(name, out function);

    /// <summary>Removes a function and revokes its credentials.</summary>
    public bool TryRemove(string name, [NotNullWhen(true)] out LambdaFunction? function)
    {
        if (!_functions.TryRemove(name, out function))
        {
            return false;
        }
        Keys.Revoke(name);
        return true;
    }

    /// <summary>Adds a function; null if one of that name exists. Only API-made functions are stored across restarts.</summary>
    public LambdaFunction? Add(FunctionConfiguration configuration, bool fromTemplate)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (_functions.ContainsKey(configuration.Name))
        {
            return null;
        }
        var log = new FunctionLog(configuration.Name, Path.Combine(_options.DataDirectory, "logs"), _options.LogEcho);
        log.Writing.Observe(_environmentLogger, $"writing the log of {configuration.Name}");
        var pool = new EnvironmentPool(SettingsFor(configuration, ControlPlaneValues.Latest, log));
        var function = new LambdaFunction(pool, log, _options.Region)
        {
            FromTemplate = fromTemplate,
            ReservedConcurrency = configuration.ReservedConcurrency,
            Url = configuration.UrlAuthType is { } auth
                ? new FunctionUrlConfig { UrlAuthType = auth, InvokeMode = configuration.UrlInvokeMode ?? ControlPlaneValues.InvokeBuffered }
                : null,
        };
        // The platform's lines follow the function's logging controls as they are now (Text, or JSON records).
        log.Platform.Logging = () => function.Configuration.Logging;
        if (configuration.EventInvokeConfig is { } eventInvokeConfig)
        {
            function.EventInvokeConfigs[ControlPlaneValues.Latest] = eventInvokeConfig;
        }
        if (_functions.TryAdd(configuration.Name, function))
        {
            return function;
        }
        function.DisposeAsync().AsTask().Observe(_environmentLogger, $"disposing the duplicate function {configuration.Name}");
        return null;
    }

    /// <summary>Everything an environment of <paramref name="configuration"/> at <paramref name="version"/> needs to start.</summary>
    public EnvironmentSettings SettingsFor(FunctionConfiguration configuration, string version, FunctionLog log) => new()
    {
        Configuration = configuration,
        Version = version,
        Launch = _launchers.For(configuration),
        Isolation = _isolation,
        Log = log,
        Region = _options.Region,
        ShutdownGrace = _options.ShutdownGrace,
        InitTimeout = _options.InitTimeout,
        AwsVariables = () => AwsVariablesFor(configuration.Name),
        TempRoot = TempRoot,
        Users = _users,
        Logger = _environmentLogger,
        Metrics = Metrics,
        CpuDemand = _cpuDemand,
    };

    /// <summary>The host's environments' temporary directories (see <see cref="EnvironmentTempRoot"/>).</summary>
    public EnvironmentTempRoot TempRoot { get; } = new();

    /// <summary>
    /// The AWS variables a new environment of <paramref name="function"/> gets: the function's own
    /// credentials, as Lambda gives its role's, and the host's endpoint for the Lambda API (so that an
    /// SDK in the function calls this host: chained invocations, signed as the function). With
    /// --pass-aws-credentials, the host's own AWS credentials and no endpoint instead.
    /// </summary>
    public IReadOnlyDictionary<string, string> AwsVariablesFor(string function)
    {
        if (_passedCredentials is not null)
        {
            return DynamoDbEndpoint is { } local
                ? new Dictionary<string, string>(_passedCredentials) { ["AWS_ENDPOINT_URL_DYNAMODB"] = local.ToString().TrimEnd('/') }
                : _passedCredentials;
        }
        var own = Keys.For(function);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AWS_ACCESS_KEY_ID"] = own.AccessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = own.SecretAccessKey,
            ["AWS_SESSION_TOKEN"] = own.SessionToken!,
        };
        if (Endpoint is { } endpoint)
        {
            variables["AWS_ENDPOINT_URL_LAMBDA"] = endpoint.ToString().TrimEnd('/');
        }
        if (DynamoDbEndpoint is { } dynamoDb)
        {
            variables["AWS_ENDPOINT_URL_DYNAMODB"] = dynamoDb.ToString().TrimEnd('/');
        }
        return variables;
    }

    /// <summary>The AWS credentials a function's environment gets with --pass-aws-credentials, from the host's own environment (<paramref name="variable"/>).</summary>
    internal static Dictionary<string, string> FunctionCredentials(Auth.AwsCredentials? hostRoot, Func<string, string?> variable)
    {
        // The function gets the caller's credentials where set (so it can reach real AWS), dummy ones
        // otherwise; never the host's own root credentials (a shell that ran `eval "$(ember env)"`
        // before `ember up` holds them), which would let any function drive the control plane.
        var inherited = variable("AWS_ACCESS_KEY_ID");
        var useInherited = inherited is not null && inherited != hostRoot?.AccessKeyId;
        return new()
        {
            ["AWS_ACCESS_KEY_ID"] = useInherited ? inherited! : "EMBERLOCALACCESSKEY",
            ["AWS_SECRET_ACCESS_KEY"] = (useInherited ? variable("AWS_SECRET_ACCESS_KEY") : null) ?? "ember-local-secret-access-key",
            ["AWS_SESSION_TOKEN"] = (useInherited ? variable("AWS_SESSION_TOKEN") : null) ?? "ember-local-session-token",
        };
    }
}
