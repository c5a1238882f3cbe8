using System.Diagnostics.Metrics;

namespace Ember.Host;

/// <summary>The host's metrics, OpenTelemetry-style names and units (System.Diagnostics.Metrics).</summary>
internal static class HostMetrics
{
    public static readonly Meter Meter = new("Ember.Host");

    /// <summary>From a cold start's arrival to the runtime process running.</summary>
    public static readonly Histogram<double> SpawnDuration =
        Meter.CreateHistogram<double>("ember.environment.spawn.duration", "ms", "Time from a cold start's arrival to the runtime process running.");
}
