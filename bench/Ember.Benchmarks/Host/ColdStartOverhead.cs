using System.Diagnostics.Metrics;
using Ember.Host;

namespace Ember.Benchmarks.Host;

/// <summary>
/// Ember's own share of a cold start: from the invocation's arrival to the runtime process running,
/// over many forced cold starts of the no-op function on a real in-process host.
/// Run: dotnet run -c Release --project bench/Ember.Benchmarks -- cold-start-overhead [count]
/// (needs bench/host-overhead/.build/bootstrap: run bench/host-overhead/run.sh once, or go build it).
/// </summary>
internal static class ColdStartOverhead
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 1 ? int.Parse(args[1]) : 200;
        var root = FindRoot();
        var samples = new List<double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "ember.environment.spawn.duration")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) =>
        {
            lock (samples)
            {
                samples.Add(value);
            }
        });
        listener.Start();

        var data = Directory.CreateTempSubdirectory("ember-bench-").FullName;
        await using var host = await EmberHost.StartAsync(new HostOptions
        {
            TemplatePath = Path.Combine(root, "bench", "host-overhead", "template.yaml"),
            Port = 0,
            DataDirectory = data,
            IdleTimeout = TimeSpan.FromMilliseconds(1),
        });
        using var http = new HttpClient();
        var url = host.FunctionUrl("noop");
        for (var i = 0; i < count + 10; i++)
        {
            // A new environment every time: the previous one is retired before the next request.
            host.Functions.TryGet("noop", out var function);
            function!.Latest.RetireIdle(TimeSpan.Zero);
            using var response = await http.PostAsync(url, new StringContent("{}"));
            response.EnsureSuccessStatusCode();
        }
        var sorted = samples.Skip(10).Order().ToArray();
        Console.WriteLine($"cold starts: {sorted.Length}; spawn (arrival to process running) ms: " +
            $"p50 {sorted[sorted.Length / 2]:F3}  p95 {sorted[(int)(sorted.Length * 0.95)]:F3}  max {sorted[^1]:F3}");
        return 0;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Ember.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("run from inside the Ember repository");
    }
}
