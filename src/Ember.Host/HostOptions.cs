using Ember.Host.Environments.Isolation;

namespace Ember.Host;

/// <summary>How an Ember host runs. Defaults match Lambda where Lambda has a number.</summary>
internal sealed record HostOptions
{
    /// <summary>The SAM template to serve; null for a host that starts empty (functions come through the API).</summary>
    public string? TemplatePath { get; init; }

    /// <summary>When set, only the template's functions with these names are served.</summary>
    public IReadOnlySet<string>? FunctionNames { get; init; }

    /// <summary>Port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; } = 9001;

    /// <summary>Where records, logs, extracted code and builds live.</summary>
    public string DataDirectory { get; init; } = Path.Combine(Environment.CurrentDirectory, ".ember", "data");

    public string Region { get; init; } = HostIdentity.DefaultRegion;

    /// <summary>Host-wide concurrent invocations (Lambda's account default is 1,000).</summary>
    public int ConcurrencyLimit { get; init; } = 1000;

    /// <summary>How long an idle environment is kept warm before it is retired.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(10);

    public TimeSpan ShutdownGrace { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan InitTimeout { get; init; } = Wire.LambdaLimits.InitTimeout;

    /// <summary>Delays before the two retries of a failed Event invocation (Lambda: about 1 and 2 minutes).</summary>
    public IReadOnlyList<TimeSpan> EventRetryDelays { get; init; } = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2)];

    /// <summary>
    /// Run a python3.X function on the machine's python3 when this machine has no Python 3.X the environments may run
    /// (else such a function is refused); INIT_START says so.
    /// </summary>
    public bool PythonCompat { get; init; }

    /// <summary>
    /// Run a dotnetN function on a newer .NET when this machine has no .NET N (rolled forward, as
    /// <c>dotnet exec --roll-forward Major</c>; else such a function is refused); INIT_START says so.
    /// </summary>
    public bool DotnetCompat { get; init; }

    /// <summary>How long an Event invocation may wait (throttled, or for its retries) before it is discarded (Lambda: 6 hours).</summary>
    public TimeSpan EventMaxAge { get; init; } = TimeSpan.FromHours(6);

    /// <summary>Receives every log line of every function (function name, line); null to keep logs only on disk.</summary>
    public Action<string, string>? LogEcho { get; init; }

    /// <summary>The host's own events (<see cref="Logs.HostLog"/>); none are written when null.</summary>
    public Microsoft.Extensions.Logging.ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Receives host messages (warnings, start-up lines).</summary>
    public Action<string>? Output { get; init; }

    /// <summary>The sandboxes; null to detect the strongest this machine supports (cgroup v2, v1, or the process tree).</summary>
    public IEnvironmentIsolation? Isolation { get; init; }

    /// <summary>From --no-limits: measure memory, but enforce no memory or CPU limit.</summary>
    public bool NoLimits { get; init; }

    /// <summary>Freeze environments between invocations, as Lambda does.</summary>
    public bool Freeze { get; init; } = true;

    /// <summary>
    /// The credentials whose SigV4 signature the Invoke API, the control plane and AWS_IAM Function
    /// URLs require, as Lambda does; null takes unsigned requests (an embedded host, tests, --no-auth).
    /// </summary>
    public Auth.AwsCredentials? Credentials { get; init; }

    /// <summary>Start a local DynamoDB server for the template's tables (false: --no-dynamodb).</summary>
    public bool DynamoDb { get; init; } = true;

    /// <summary>Its port on 127.0.0.1; 0 picks a free one.</summary>
    public int DynamoDbPort { get; init; } = 8000;

    /// <summary>
    /// The port on 127.0.0.1 that serves the template's Api and HttpApi events (<c>--api-port</c>, 3000 for
    /// <c>ember up</c>); 0 picks a free one; null serves none (an embedded host).
    /// </summary>
    public int? ApiPort { get; init; }

    /// <summary>Serve only this API of the template (<c>--api LogicalId</c>); null serves every one.</summary>
    public string? Api { get; init; }

    /// <summary>
    /// Run each environment as its own unprivileged user (when the host is root), as Lambda runs each
    /// as its own sbx_user; false (--same-user) runs them as the host's user.
    /// </summary>
    public bool SandboxUsers { get; init; } = true;

    /// <summary>
    /// From --pass-aws-credentials: functions get the AWS credentials of the host's own environment
    /// (as <c>sam local</c> passes the shell's), to reach real AWS, instead of their own Ember-issued ones.
    /// </summary>
    public bool PassAwsCredentials { get; init; }
}
