using System.Diagnostics;
using System.Globalization;
using Ember.Host.Environments.Isolation;

namespace Ember.Benchmarks;

/// <summary>
/// Not a BenchmarkDotNet suite: real processes in real cgroups, seconds each. Measures how
/// closely the CPU share follows Lambda's curve, and what one freeze+thaw cycle costs.
/// Run with bench/cgroup-cpu-curve.sh; results go to docs/BENCHMARKS.md "Environment fidelity".
/// </summary>
internal static class EnvironmentFidelity
{
    private static readonly int[] s_memorySizes = [128, 256, 512, 1024, 1769, 3008];

    // Interpreter start-up is the init phase: the script says "ready" and waits for a line, while
    // the benchmark ends init (from then on the environment is held to its memory size's share).
    // Then two forked workers (so sizes above 1769 MB can use more than one CPU) each count to
    // argv[1] and the parent prints the wall time they took.
    private const string Work =
        "import os, sys, time\n" +
        "n = int(sys.argv[1])\n" +
        "print('ready', flush=True)\n" +
        "sys.stdin.readline()\n" +
        "t0 = time.monotonic()\n" +
        "pids = []\n" +
        "for _ in range(2):\n" +
        "    pid = os.fork()\n" +
        "    if pid == 0:\n" +
        "        for i in range(n):\n" +
        "            pass\n" +
        "        os._exit(0)\n" +
        "    pids.append(pid)\n" +
        "for pid in pids:\n" +
        "    os.waitpid(pid, 0)\n" +
        "wall = time.monotonic() - t0\n" +
        "c = os.times()\n" +
        "print(wall, c.children_user + c.children_system)";

    private const string Idle = "import sys, threading, time\n" +
        "threading.Thread(target=lambda: [time.sleep(0.01) for _ in iter(int, 1)], daemon=True).start()\n" +
        "print('ready')\nsys.stdin.read()";

    public static int Run(string[] args)
    {
        var repetitions = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
        var cycles = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 500;
        using var isolation = EnvironmentIsolationFactory.Detect(noLimits: false, freeze: true);
        Console.WriteLine($"isolation: {isolation.Description}");
        Console.WriteLine($"machine: {Environment.ProcessorCount} CPUs, {File.ReadAllText("/etc/debian_version").Trim()} (Debian), kernel {Environment.OSVersion.Version}");
        if (isolation is ProcessTreeIsolation)
        {
            Console.WriteLine("no cgroups: nothing to measure for the CPU curve");
        }
        else
        {
            CpuCurve(isolation, repetitions);
        }
        if (isolation is not ProcessTreeIsolation)
        {
            EntryCost(isolation, 300);
        }
        FreezeCost(isolation switch
        {
            CgroupV1Isolation => "cgroup v1 freezer",
            CgroupV2Isolation => "cgroup v2 cgroup.freeze",
            _ => "SIGSTOP/SIGCONT (detected)",
        }, isolation, cycles);
        using var fallback = new ProcessTreeIsolation(IsolationSettings.ForThisMachine(false, true), "benchmark");
        FreezeCost("SIGSTOP/SIGCONT fallback", fallback, cycles);
        return 0;
    }

    private static void CpuCurve(IEnvironmentIsolation isolation, int repetitions)
    {
        // Calibrate: iterations so that the work takes ~0.8 s of wall time at 1769 MB (one vCPU shared
        // by two workers), from the fastest of three unlimited runs (each worker on its own core).
        const int probe = 5_000_000;
        var unlimited = Enumerable.Range(0, 3).Min(_ => Measure(null, probe));
        var iterations = (int)(probe * 0.4 / unlimited);
        Console.WriteLine($"work: 2 workers x {iterations:N0} empty-loop iterations");

        var wall = s_memorySizes.ToDictionary(m => m, _ => new List<double>());
        var cpu = s_memorySizes.ToDictionary(m => m, _ => new List<double>());
        for (var r = 0; r < repetitions; r++)
        {
            foreach (var memoryMb in s_memorySizes)
            {
                using var sandbox = isolation.Create($"bench-cpu-{memoryMb}-{r}", memoryMb);
                var (seconds, cpuSeconds) = MeasureWithCpu(sandbox, iterations);
                wall[memoryMb].Add(seconds);
                cpu[memoryMb].Add(cpuSeconds);
            }
        }
        var reference = Median(wall[CpuShare.MegabytesPerVcpu]);
        Console.WriteLine($"durations and CPU-seconds are medians of {repetitions} runs; CPU-seconds is what the workers used (os.times of the children)");
        Console.WriteLine();
        Console.WriteLine("| Memory (MB) | Quota (CPUs) | Duration (s) | CPU used (s) | Ideal duration (s) | Effective CPUs | Effective / quota | Slowdown vs 1769 MB | Ideal slowdown |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var memoryMb in s_memorySizes)
        {
            var quota = CpuShare.Cpus(memoryMb, Environment.ProcessorCount);
            var measured = Median(wall[memoryMb]);
            var used = Median(cpu[memoryMb]);
            var ideal = used / Math.Min(quota, 2); // two workers: at most 2 CPUs usable
            var effective = used / measured;
            var idealSlowdown = 1 / Math.Min(quota, 2);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {memoryMb} | {quota:F3} | {measured:F2} | {used:F2} | {ideal:F2} | {effective:F3} | {effective / quota:F2} | {measured / reference:F2}x | {idealSlowdown:F2}x |"));
        }
        Console.WriteLine();
    }

    private static double Measure(IEnvironmentSandbox? sandbox, int iterations) => MeasureWithCpu(sandbox, iterations).Seconds;

    private static (double Seconds, double CpuSeconds) MeasureWithCpu(IEnvironmentSandbox? sandbox, int iterations)
    {
        var start = new ProcessStartInfo("python3", ["-c", Work, iterations.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        sandbox?.Prepare(start);
        using var process = Process.Start(start)!;
        sandbox?.Attach(process);
        if (process.StandardOutput.ReadLine() != "ready")
        {
            throw new InvalidOperationException("the work script did not start");
        }
        sandbox?.EndInit();
        process.StandardInput.WriteLine("go");
        process.StandardInput.Flush();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var parts = output.Trim().Split(' ');
        return (double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    /// <summary>What joining the cgroups through the /bin/sh wrapper adds to a process start (Process.Start to exit of /bin/true).</summary>
    private static void EntryCost(IEnvironmentIsolation isolation, int starts)
    {
        using var sandbox = isolation.Create($"bench-entry-{Environment.TickCount64}", 256);
        var direct = new List<double>(starts);
        var wrapped = new List<double>(starts);
        for (var i = 0; i < starts; i++)
        {
            direct.Add(StartToExit(null));
            wrapped.Add(StartToExit(sandbox));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"start to exit of /bin/true: direct median {Median(direct):F2} ms, through the cgroup entry wrapper {Median(wrapped):F2} ms (+{Median(wrapped) - Median(direct):F2} ms); {starts} starts each, interleaved"));

        static double StartToExit(IEnvironmentSandbox? sandbox)
        {
            var start = new ProcessStartInfo("/bin/true") { UseShellExecute = false };
            var clock = Stopwatch.StartNew();
            sandbox?.Prepare(start);
            using var process = Process.Start(start)!;
            process.WaitForExit();
            return clock.Elapsed.TotalMilliseconds;
        }
    }

    private static void FreezeCost(string name, IEnvironmentIsolation isolation, int cycles)
    {
        using var sandbox = isolation.Create($"bench-freeze-{Environment.TickCount64}", 256);
        var start = new ProcessStartInfo("python3", ["-c", Idle]) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        sandbox.Prepare(start);
        using var process = Process.Start(start)!;
        sandbox.Attach(process);
        process.StandardOutput.ReadLine();

        var freeze = new List<double>(cycles);
        var thaw = new List<double>(cycles);
        var cycle = new List<double>(cycles);
        var clock = new Stopwatch();
        for (var i = 0; i < cycles; i++)
        {
            clock.Restart();
            sandbox.Freeze();
            var frozen = clock.Elapsed.TotalMicroseconds;
            sandbox.Thaw();
            var total = clock.Elapsed.TotalMicroseconds;
            freeze.Add(frozen);
            thaw.Add(total - frozen);
            cycle.Add(total);
        }
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: freeze+thaw median {Median(cycle):F0} µs (p95 {Percentile(cycle, 0.95):F0} µs); freeze {Median(freeze):F0} µs, thaw {Median(thaw):F0} µs; {cycles} cycles, idle python3 with 2 threads"));
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Round(p * (sorted.Count - 1)))];
    }
}
