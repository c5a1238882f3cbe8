using Ember.Lab.Cost;
using Ember.Lab.Estimate;
using Ember.Lab.Published;
using Ember.Lab.Reports;
using Ember.Lab.Runner;
using Ember.Lab.Statistics;

namespace Ember.Lab.Tests.Support;

/// <summary>A plausible, deterministic results set: four runtimes, five sizes, cold and warm, with spread.</summary>
internal static class SyntheticResults
{
    private static readonly (string Name, string Label, double PerEventUs, double BaseMs, double InitMs, long Package, double MemMb)[] Runtimes =
    [
        ("csharp-aot", "C# (Native AOT)", 0.4, 1.2, 45, 6_800_000, 38),
        ("csharp-jit", "C# (JIT)", 0.6, 1.5, 210, 1_200_000, 72),
        ("go", "Go", 2.3, 1.0, 30, 7_400_000, 24),
        ("python", "Python", 1.6, 1.4, 160, 9_000, 41),
    ];

    public static LabResults Create(int rounds = 5, int[]? memorySizes = null)
    {
        var random = new Random(42);
        var cost = new CostModel(PriceTable.Default);
        var rows = new List<PhaseResult>();
        int[] sizes = [100, 1_000, 5_000, 10_000, 20_000];
        foreach (var (memoryMb, size) in (memorySizes ?? [512]).SelectMany(m => sizes.Select(s => (m, s))))
        {
            foreach (var rt in Runtimes)
            {
                // CPU follows memory: below 1769 MB a function gets that fraction of a vCPU.
                var cpu = Math.Min(memoryMb / 1769.0, 1.0) / (512 / 1769.0);
                var compute = (rt.BaseMs + (rt.PerEventUs * size / 1000.0)) / cpu;
                var coldSamples = Enumerable.Range(0, rounds).Select(_ => rt.InitMs + compute + (random.NextDouble() * 20)).ToArray();
                var inits = coldSamples.Select(c => rt.InitMs + (random.NextDouble() * 15)).ToArray();
                var warmSamples = Enumerable.Range(0, 200).Select(_ => compute * (1 + (random.NextDouble() * random.NextDouble() * 1.5))).ToArray();
                var perRound = warmSamples.Chunk(200 / rounds).Select(c => LatencyRecorder.Summarize(c)).ToArray();
                var billed = cost.AverageBilledMs(warmSamples.Select(s => s * 0.8));
                var billedInit = cost.AverageBilledMs(inits);
                rows.Add(new PhaseResult
                {
                    Runtime = rt.Name,
                    RuntimeLabel = rt.Label,
                    PayloadEvents = size,
                    MemoryMb = memoryMb,
                    Phase = LabPhase.Cold,
                    Client = LatencyRecorder.Summarize(coldSamples),
                    ColdStartClientMs = coldSamples,
                    InitDurationMs = inits,
                    Server = new ServerFigures(rounds, compute, compute * 1.1, (double)cost.AverageBilledMs([compute]), rt.MemMb + 3, inits.Average()),
                    PublishedInit = PublishedInitTable.Default.For(rt.Name, memoryMb),
                    AwsEstimate = AwsEstimateModel.Default.For(rt.Name, memoryMb,
                        new ServerFigures(rounds, compute, compute * 1.1, (double)cost.AverageBilledMs([compute]), rt.MemMb + 3, inits.Average())),
                    PackageSizeBytes = rt.Package,
                    CostPerMillionX86 = cost.PerMillion(Architecture.X86_64, memoryMb, billed, billedInit, 1m),
                    CostPerMillionArm = cost.PerMillion(Architecture.Arm64, memoryMb, billed, billedInit, 1m),
                    RoundAveragesMs = coldSamples,
                    RoundP95sMs = coldSamples,
                });
                rows.Add(new PhaseResult
                {
                    Runtime = rt.Name,
                    RuntimeLabel = rt.Label,
                    PayloadEvents = size,
                    MemoryMb = memoryMb,
                    Phase = LabPhase.Warm,
                    Client = LatencyRecorder.Summarize(warmSamples, errors: rt.Name == "python" && size == 20_000 ? 1 : 0),
                    Server = new ServerFigures(200, compute * 0.8, compute * 1.2, (double)billed, rt.MemMb + (size / 1000.0), null),
                    PackageSizeBytes = rt.Package,
                    CostPerMillionX86 = cost.PerMillion(Architecture.X86_64, memoryMb, billed),
                    CostPerMillionArm = cost.PerMillion(Architecture.Arm64, memoryMb, billed),
                    RoundAveragesMs = [.. perRound.Select(p => p.AverageMs)],
                    RoundP95sMs = [.. perRound.Select(p => p.P95Ms)],
                });
            }
        }

        var options = new LabOptions { OutputDirectory = "unused", ColdStarts = rounds, WarmRounds = rounds, MemorySizesMb = memorySizes ?? [512] };
        var speedups = LabRunner.BuildSpeedups(rows, options);
        var started = new DateTimeOffset(2026, 11, 23, 20, 0, 0, TimeSpan.Zero);
        var metadata = new LabRunMetadata(
            started,
            started.AddMinutes(14),
            new MachineInfo(2, 24L * 1024 * 1024 * 1024, "Debian GNU/Linux 12", ".NET 10.0.0", "X64"),
            LabRunSettings.From(options),
            PriceInfo.From(PriceTable.Default),
            SpreadNotes.Describe(speedups, rows),
            PublishedInitInfo.From(PublishedInitTable.Default),
            AwsEstimateInfo.From(AwsEstimateModel.Default));
        return new LabResults(metadata, rows, speedups);
    }
}
