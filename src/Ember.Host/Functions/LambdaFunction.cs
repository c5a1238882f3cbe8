using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Ember.Host.Environments;
using Ember.Host.Logs;
using Ember.Host.Wire;

namespace Ember.Host.Functions;

/// <summary>
/// A function the host serves: its current configuration ($LATEST), its published versions and
/// aliases, their environments, and its log.
/// </summary>
internal sealed class LambdaFunction : IAsyncDisposable
{
    private int _inFlight;

    public LambdaFunction(EnvironmentPool latest, FunctionLog log, string region)
    {
        Latest = latest;
        Log = log;
        Arn = HostIdentity.FunctionArn(region, latest.Settings.Configuration.Name);
    }

    public string Name => Configuration.Name;
    public string Arn { get; }
    public FunctionConfiguration Configuration => Latest.Settings.Configuration;
    public EnvironmentPool Latest { get; }
    public FunctionLog Log { get; }
    public DateTimeOffset LastModified { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>True for functions read from the template (re-read at every start, never stored).</summary>
    public bool FromTemplate { get; init; }

    /// <summary>Serialises control-plane changes to this function.</summary>
    public SemaphoreSlim ChangeGate { get; } = new(1, 1);

    public string RevisionId { get; set; } = Guid.NewGuid().ToString();

    /// <summary>InProgress, Successful or Failed (Lambda's LastUpdateStatus).</summary>
    public string LastUpdateStatus { get; set; } = Wire.ControlPlaneValues.UpdateSuccessful;
    public string? LastUpdateStatusReason { get; set; }
    public string? LastUpdateStatusReasonCode { get; set; }

    public ConcurrentDictionary<string, FunctionVersion> Versions { get; } = new(StringComparer.Ordinal);
    public ConcurrentDictionary<string, FunctionAlias> Aliases { get; } = new(StringComparer.Ordinal);
    public ConcurrentDictionary<string, ProvisionedConcurrency> Provisioned { get; } = new(StringComparer.Ordinal);

    /// <summary>The resource-based policy's statements (AddPermission), by statement id, as JSON text.</summary>
    public ConcurrentDictionary<string, string> Permissions { get; } = new(StringComparer.Ordinal);

    /// <summary>The function's tags (TagResource).</summary>
    public ConcurrentDictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    /// <summary>The RevisionId $LATEST had when the newest version was published: unchanged since, PublishVersion returns that version.</summary>
    public string? PublishedRevisionId { get; set; }

    /// <summary>The number the next published version gets (Lambda never reuses one, even after a delete).</summary>
    public int NextVersion { get; set; } = 1;

    /// <summary>Null when the function has no Function URL.</summary>
    public FunctionUrlConfig? Url { get; set; }

    /// <summary>Reserved concurrency; null when the function draws on the host's unreserved pool.</summary>
    public int? ReservedConcurrency { get; set; }

    /// <summary>Recursive loop detection (PutFunctionRecursionConfig): Terminate (Lambda's default) or Allow.</summary>
    public string RecursiveLoop { get; set; } = RecursiveLoops.Terminate;

    /// <summary>The runtime management config (PutRuntimeManagementConfig); Auto when null.</summary>
    public RuntimeManagementConfig? RuntimeManagement { get; set; }

    /// <summary>The event invoke configs (PutFunctionEventInvokeConfig), by qualifier: $LATEST, a version or an alias.</summary>
    public ConcurrentDictionary<string, EventInvokeConfig> EventInvokeConfigs { get; } = new(StringComparer.Ordinal);

    /// <summary>The event invoke config that applies to an invocation of <paramref name="qualifier"/> (unqualified: $LATEST's).</summary>
    public EventInvokeConfig? EventInvokeConfigFor(string? qualifier) =>
        EventInvokeConfigs.TryGetValue(qualifier ?? ControlPlaneValues.Latest, out var config) ? config : null;

    public int InFlight => Volatile.Read(ref _inFlight);

    public IEnumerable<EnvironmentPool> Pools => Versions.Values.Select(v => v.Pool).Prepend(Latest);

    /// <summary>
    /// The environments and version a qualifier runs on: $LATEST, a version number, or an alias
    /// (whose weights <paramref name="sample"/>, uniform in [0, 1), decides between).
    /// </summary>
    public bool TryResolve(string? qualifier, double sample, [NotNullWhen(true)] out EnvironmentPool? pool, [NotNullWhen(true)] out string? version)
    {
        pool = null;
        version = qualifier;
        if (qualifier is not null && Aliases.TryGetValue(qualifier, out var alias))
        {
            version = AliasRouting.Select(alias, sample);
        }
        if (version is null or ControlPlaneValues.Latest)
        {
            version = ControlPlaneValues.Latest;
            pool = Latest;
            return true;
        }
        if (Versions.TryGetValue(version, out var published))
        {
            pool = published.Pool;
            return true;
        }
        return false;
    }

    /// <summary>
    /// The version a qualifier names for reading and configuring: an alias's primary version, or the
    /// qualifier itself ($LATEST when null). Running an alias goes through <see cref="TryResolve"/>,
    /// which also weighs its additional version.
    /// </summary>
    public string VersionOf(string? qualifier) =>
        qualifier is null ? ControlPlaneValues.Latest
        : Aliases.TryGetValue(qualifier, out var alias) ? alias.FunctionVersion
        : qualifier;

    /// <summary>True when the qualifier names $LATEST, a version or an alias of this function.</summary>
    public bool HasQualifier(string? qualifier) =>
        qualifier is null or ControlPlaneValues.Latest || Versions.ContainsKey(qualifier) || Aliases.ContainsKey(qualifier);

    /// <summary>Takes one of the function's concurrency slots; false when its reserved concurrency is used up.</summary>
    public bool TryEnter()
    {
        var reserved = ReservedConcurrency;
        var now = Interlocked.Increment(ref _inFlight);
        if (reserved is { } limit && now > limit)
        {
            Interlocked.Decrement(ref _inFlight);
            return false;
        }
        return true;
    }

    public void Exit() => Interlocked.Decrement(ref _inFlight);

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(Pools.Select(p => p.DisposeAsync().AsTask())).ConfigureAwait(false);
        // ChangeGate is left undisposed: a control-plane call may still be waiting on it, and a
        // SemaphoreSlim whose wait handle was never asked for holds nothing to release.
        await Log.DisposeAsync().ConfigureAwait(false);
    }
}
