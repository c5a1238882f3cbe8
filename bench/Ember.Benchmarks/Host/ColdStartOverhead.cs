using System.Diagnostics.Metrics;
using Ember.Host;

namespace Ember.Benchmarks.Host;

/// <summary>
/// Ember's own share of a cold start: from the invocation's arrival to the runtime process running
/// (spawn), and the no-op function's Init Duration, over many forced cold starts on a real
/// in-process host; twice in one run when the host is root, with environments as the host's user
/// and as their own users, so the cost of dropping privileges is a same-run ratio.
/// Run: dotnet run -c Release --project bench/Ember.Benchmarks -- cold-start-overhead [count]
/// (needs bench/host-overhead/.build/bootstrap: run bench/host-overhead/run.sh once, or go build it).
/// </summary>
internal static class ColdStartOverhead
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 1 ? int.Parse(args[1]) : 200;
        var modes = Environment.IsPrivilegedProcess ? new[] { false, true, false, true } : [false];
        var results = new Dictionary<bool, List<(double Spawn, double Init)>>();
        foreach (var ownUsers in modes)
        {
            var (spawn, init) = await MeasureAsync(count / 2 > 0 && modes.Length > 1 ? count / 2 : count, ownUsers);
            var list = results.TryGetValue(ownUsers, out var l) ? l : results[ownUsers] = [];
            list.AddRange(spawn.Zip(init));
        }
        foreach (var (ownUsers, samples) in results)
        {
            var spawn = samples.Select(s => s.Spawn).Order().ToArray();
            var init = samples.Select(s => s.Init).Order().ToArray();
            Console.WriteLine($"{(ownUsers ? "own users " : "host's user")}: cold starts {spawn.Length}; spawn ms p50 {P(spawn, 0.5):F3} p95 {P(spawn, 0.95):F3} max {spawn[^1]:F3}; "
                + $"Init Duration ms p50 {P(init, 0.5):F3} p95 {P(init, 0.95):F3}");
        }
        if (results.Count == 2)
        {
            double Median(bool own, Func<(double Spawn, double Init), double> pick) => P([.. results[own].Select(pick).Order()], 0.5);
            Console.WriteLine($"own users ÷ host's user, p50: spawn {Median(true, s => s.Spawn) / Median(false, s => s.Spawn):F2}×, "
                + $"Init Duration {Median(true, s => s.Init) / Median(false, s => s.Init):F2}×");
        }
        return 0;
    }

    private static double P(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * q))];

    private static async Task<(List<double> Spawn, List<double> Init)> MeasureAsync(int count, bool ownUsers)
    {
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
                samples.Add(value * 1000);
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
            SandboxUsers = ownUsers,
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
        // Records are written off the request path: wait until every cold start has one.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        List<double> init;
        while ((init = [.. host.Records.Query("noop", count + 10).Where(r => r.InitDurationMs is not null).OrderBy(r => r.StartedAt)
            .Select(r => r.InitDurationMs!.Value)]).Count < count + 10 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        listener.Dispose();
        lock (samples)
        {
            return ([.. samples.Skip(10)], [.. init.Skip(10)]);
        }
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
