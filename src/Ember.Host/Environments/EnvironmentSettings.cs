using Ember.Host.Environments.Isolation;
using Ember.Host.Functions;
using Ember.Host.Logs;

namespace Ember.Host.Environments;

/// <summary>Everything an execution environment needs to start, fixed for its whole life.</summary>
internal sealed record EnvironmentSettings
{
    public required FunctionConfiguration Configuration { get; init; }
    public required string Version { get; init; }
    public required EnvironmentLaunch Launch { get; init; }
    public required IEnvironmentIsolation Isolation { get; init; }
    public required FunctionLog Log { get; init; }
    public string Region { get; init; } = HostIdentity.DefaultRegion;
    public string InitializationType { get; init; } = Wire.ControlPlaneValues.OnDemand;

    /// <summary>SIGTERM, then this long, then SIGKILL (Lambda gives runtimes without extensions a short grace).</summary>
    public TimeSpan ShutdownGrace { get; init; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan InitTimeout { get; init; } = Wire.LambdaLimits.InitTimeout;

    /// <summary>How long an environment stays idle before it is frozen (see <see cref="EnvironmentFreezer"/>).</summary>
    public TimeSpan FreezeGrace { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>The AWS credentials (and endpoint) a new environment gets, asked at each start: they may change while the host runs.</summary>
    public Func<IReadOnlyDictionary<string, string>> AwsVariables { get; init; } = static () => new Dictionary<string, string>();

    /// <summary>Where the environment's host events go (<see cref="Logs.HostLog"/>).</summary>
    public Microsoft.Extensions.Logging.ILogger Logger { get; init; } = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    /// <summary>The CPU the host's busy environments ask for; not counted when null.</summary>
    public CpuDemand? CpuDemand { get; init; }

    /// <summary>Where the environment's metrics go; none when null.</summary>
    public EmberMetrics? Metrics { get; init; }

    /// <summary>Gives each environment its own unprivileged user; null to run environments as the host's user.</summary>
    public SandboxUsers? Users { get; init; }

    /// <summary>Where each environment gets its own TMPDIR; null to leave TMPDIR unset.</summary>
    public EnvironmentTempRoot? TempRoot { get; init; }
}
