using System.Diagnostics.Metrics;

namespace Ember.Host;

/// <summary>
/// The host's metrics on one meter, <c>Ember.Host</c>, from <see cref="IMeterFactory"/>: OpenTelemetry's
/// FaaS semantic-convention names where they exist (<c>faas.*</c>, attribute <c>faas.name</c>), durations
/// in seconds. Readable with <c>dotnet-counters monitor -n ember --counters Ember.Host</c> or any
/// OpenTelemetry exporter listening to the meter.
/// </summary>
internal sealed class EmberMetrics
{
    public const string MeterName = "Ember.Host";

    public EmberMetrics(IMeterFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var meter = factory.Create(MeterName);
        Invocations = meter.CreateCounter<long>("faas.invocations", "{invocation}", "Invocations that ran (reached an environment), by function.");
        ColdStarts = meter.CreateCounter<long>("faas.coldstarts", "{coldstart}", "Invocations that started a new environment.");
        Errors = meter.CreateCounter<long>("faas.errors", "{error}", "Invocations that ended in an error, by error.type.");
        Timeouts = meter.CreateCounter<long>("faas.timeouts", "{timeout}", "Invocations that ran past their function's timeout.");
        Throttles = meter.CreateCounter<long>("ember.throttles", "{invocation}", "Invocations refused with 429 by a concurrency limit, by reason.");
        InvokeDuration = meter.CreateHistogram<double>("faas.invoke_duration", "s", "Duration of invocations, as REPORT's Duration.");
        InitDuration = meter.CreateHistogram<double>("faas.init_duration", "s", "Init Duration of cold starts.");
        MemoryUsage = meter.CreateHistogram<long>("faas.mem_usage", "By", "Max Memory Used of invocations.");
        SpawnDuration = meter.CreateHistogram<double>("ember.environment.spawn.duration", "s", "Time from a cold start's arrival to the runtime process running.");
        Environments = meter.CreateUpDownCounter<long>("ember.environments", "{environment}", "Execution environments alive (starting, idle or busy).");
    }

    /// <summary>Metrics on a meter factory of their own, for a host built without one (tests, tools).</summary>
    public static EmberMetrics Detached() => new(new DetachedMeterFactory());

    public Counter<long> Invocations { get; }
    public Counter<long> ColdStarts { get; }
    public Counter<long> Errors { get; }
    public Counter<long> Timeouts { get; }
    public Counter<long> Throttles { get; }
    public Histogram<double> InvokeDuration { get; }
    public Histogram<double> InitDuration { get; }
    public Histogram<long> MemoryUsage { get; }
    public Histogram<double> SpawnDuration { get; }
    public UpDownCounter<long> Environments { get; }

    public static KeyValuePair<string, object?> Function(string name) => new("faas.name", name);

    private sealed class DetachedMeterFactory : IMeterFactory
    {
        public Meter Create(MeterOptions options) => new(options);

        public void Dispose()
        {
            // The meters live as long as the process: nothing to release.
        }
    }
}
