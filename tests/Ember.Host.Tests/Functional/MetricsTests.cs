using System.Diagnostics.Metrics;
using Xunit.Abstractions;

namespace Ember.Host.Tests.Functional;

/// <summary>The host's metrics: OpenTelemetry FaaS names, seconds, one series per function.</summary>
public sealed class MetricsTests(HostFixture host, ITestOutputHelper output) : IClassFixture<HostFixture>, IDisposable
{
    public void Dispose() => host.Dump(output);

    [Fact]
    public async Task Invocations_AreCountedAndTimed_PerFunction()
    {
        var meter = host.Host.Functions.Metrics.Invocations.Meter;
        var seen = new List<(string Instrument, string? Unit, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            lock (seen)
            {
                seen.Add((instrument.Name, instrument.Unit, value, new Dictionary<string, object?>(tags.ToArray())));
            }
        }
        listener.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        listener.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        listener.Start();

        await host.InvokeJsonAsync("mirror", new { n = 1 });
        await host.InvokeJsonAsync("mirror", new { n = 2 });
        using (await host.InvokeAsync("fail", new { }))
        {
        }

        List<(string Instrument, string? Unit, double Value, Dictionary<string, object?> Tags)> Of(string name, string function)
        {
            lock (seen)
            {
                return [.. seen.Where(m => m.Instrument == name && (string?)m.Tags.GetValueOrDefault("faas.name") == function)];
            }
        }
        Assert.Equal(2, Of("faas.invocations", "mirror").Sum(m => m.Value));
        Assert.InRange(Of("faas.coldstarts", "mirror").Sum(m => m.Value), 0, 1);
        var durations = Of("faas.invoke_duration", "mirror");
        Assert.Equal(2, durations.Count);
        Assert.All(durations, d => Assert.Equal("s", d.Unit));
        Assert.All(durations, d => Assert.InRange(d.Value, 0, 10));
        var error = Assert.Single(Of("faas.errors", "fail"));
        Assert.Equal("ValueError", error.Tags["error.type"]);
    }
}
