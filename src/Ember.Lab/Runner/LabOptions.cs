using System.Globalization;

namespace Ember.Lab.Runner;

/// <summary>
/// What one <c>ember lab</c> run does. Defaults reproduce the reference experiment: five payload sizes,
/// 512 MB, 10 forced cold starts, and <c>hey -n 200 -c 20</c> for the warm phase, Python as the baseline.
/// </summary>
internal sealed record LabOptions
{
    public static IReadOnlyList<string> DefaultRuntimes { get; } = ["csharp-aot", "csharp-jit", "go", "python"];

    public static IReadOnlyList<int> DefaultSizes { get; } = [100, 1_000, 5_000, 10_000, 20_000];

    public IReadOnlyList<string> Runtimes { get; init; } = DefaultRuntimes;

    public IReadOnlyList<int> Sizes { get; init; } = DefaultSizes;

    public IReadOnlyList<int> MemorySizesMb { get; init; } = [512];

    /// <summary>Forced cold starts per runtime, size and memory size (0 skips the cold phase).</summary>
    public int ColdStarts { get; init; } = 10;

    /// <summary>Warm requests per runtime, size and memory size, spread over <see cref="WarmRounds"/> rounds.</summary>
    public int WarmRequests { get; init; } = 200;

    public int WarmConcurrency { get; init; } = 20;

    /// <summary>
    /// The warm requests are sent in this many rounds, runtimes alternating, so drift on a shared machine
    /// hits every runtime alike and each ratio has per-round values to show its spread.
    /// </summary>
    public int WarmRounds { get; init; } = 5;

    /// <summary>Requests sent and discarded before the warm phase, so it measures warm environments.</summary>
    public int WarmupRequests { get; init; } = 20;

    public string Baseline { get; init; } = "python";

    /// <summary>Named remote targets (<c>--url NAME=URL</c>): loaded in the warm phase only.</summary>
    public IReadOnlyDictionary<string, Uri> RemoteUrls { get; init; } = new Dictionary<string, Uri>();

    public required string OutputDirectory { get; init; }

    public bool Quick { get; init; }

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A published scenario run beside the reference experiment (<c>--scenario io</c>: the I/O-bound
    /// variants, one DynamoDB write each, beside the compute ones); null for none.
    /// </summary>
    public string? Scenario { get; init; }

    /// <summary>
    /// <c>--burst N:C</c>: after each memory size's warm phase, N requests from C concurrent clients per
    /// runtime against a reserved concurrency of <see cref="BurstReserved"/>; null for no burst.
    /// </summary>
    public (int Requests, int Concurrency)? Burst { get; init; }

    /// <summary>The reserved concurrency a burst meets (<c>--reserved R</c>, default 10).</summary>
    public int BurstReserved { get; init; } = 10;

    /// <summary>
    /// <c>--provisioned N</c>: per memory size and runtime, the first request on N provisioned environments
    /// beside the first after an on-demand cold start (<see cref="ColdStarts"/> rounds); null for none.
    /// </summary>
    public int? Provisioned { get; init; }

    /// <summary>The scenarios <c>--scenario</c> knows.</summary>
    public static IReadOnlyList<string> Scenarios { get; } = ["io", "canary"];

    /// <summary>
    /// The user's own functions (<c>--function</c>, of <c>--template</c> or behind <c>--endpoint</c>), measured
    /// instead of the telemetry runtimes; each is a target named after it. Empty for the built-in run.
    /// </summary>
    public IReadOnlyList<string> Functions { get; init; } = [];

    /// <summary>The events (<c>--payload</c>) sent to <see cref="Functions"/>: payload <i>i</i> is size <i>i</i> (1-based) of the run.</summary>
    public IReadOnlyList<string> PayloadFiles { get; init; } = [];

    /// <summary>A Lambda API endpoint whose functions are measured (<c>--endpoint</c>), instead of a local host.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>With <see cref="Endpoint"/>: the AWS profile and region that sign the requests.</summary>
    public string? Profile { get; init; }

    public string? Region { get; init; }

    /// <summary>True when the run measures the user's own functions rather than the telemetry runtimes.</summary>
    public bool OwnFunctions => Functions.Count > 0;

    /// <summary>How each size is labelled in the reports: the payload files' names, or null for event counts.</summary>
    public IReadOnlyList<string>? PayloadLabels => OwnFunctions ? LabelsOf(PayloadFiles) : null;

    /// <summary>How a size is named in sentences: "payload.json", or "1,000 events".</summary>
    public string DescribeSize(int size) =>
        PayloadLabels is { } labels && size >= 1 && size <= labels.Count
            ? labels[size - 1]
            : size.ToString("N0", CultureInfo.InvariantCulture) + " events";

    /// <summary>The file names, or the paths as given where two files share a name.</summary>
    private static string[] LabelsOf(IReadOnlyList<string> files)
    {
        var names = files.Select(Path.GetFileName).ToArray();
        return [.. files.Select((file, i) => names.Count(n => n == names[i]) > 1 ? file : names[i]!)];
    }

    /// <summary>Every runtime name the run measures: the local runtimes then the remote ones.</summary>
    public IEnumerable<string> AllTargetNames => Runtimes.Concat(RemoteUrls.Keys);

    /// <summary>The output folder a run started at <paramref name="now"/> writes to by default.</summary>
    public static string DefaultOutputDirectory(DateTimeOffset now) =>
        Path.Combine("lab-results", now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));

    /// <summary>The smaller run of <c>--quick</c>: every runtime and size, fewer samples (about 2 minutes for 4 runtimes on 2 cores).</summary>
    public static LabOptions QuickDefaults(string outputDirectory) => new()
    {
        OutputDirectory = outputDirectory,
        Quick = true,
        ColdStarts = 3,
        WarmRequests = 60,
        WarmConcurrency = 10,
        WarmRounds = 3,
        WarmupRequests = 10,
    };

    /// <summary>Every problem with these options, each naming its flag, or none.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Runtimes.Count + RemoteUrls.Count == 0)
        {
            errors.Add("--runtimes: name at least one runtime (or a --url target).");
        }

        foreach (var duplicate in AllTargetNames.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            errors.Add($"--runtimes/--url: '{duplicate.Key}' is named more than once.");
        }

        if (Sizes.Count == 0)
        {
            errors.Add("--sizes: give at least one payload size.");
        }

        foreach (var size in Sizes.Where(s => s < 1))
        {
            errors.Add($"--sizes: a payload size must be at least 1 event (got {size}).");
        }

        if (MemorySizesMb.Count == 0)
        {
            errors.Add("--memory: give at least one memory size.");
        }

        // Lambda's range: 128 MB to 10,240 MB.
        foreach (var memory in MemorySizesMb.Where(m => m is < 128 or > 10_240))
        {
            errors.Add($"--memory: {memory} MB is outside Lambda's range of 128 to 10240 MB.");
        }

        if (ColdStarts < 0)
        {
            errors.Add($"--cold: the number of cold starts cannot be negative (got {ColdStarts}).");
        }

        if (WarmRequests < 1)
        {
            errors.Add($"-n: the number of warm requests must be at least 1 (got {WarmRequests}).");
        }

        if (WarmConcurrency < 1)
        {
            errors.Add($"-c: the concurrency must be at least 1 (got {WarmConcurrency}).");
        }
        else if (WarmConcurrency > WarmRequests && WarmRequests >= 1)
        {
            errors.Add($"-c: the concurrency ({WarmConcurrency}) cannot exceed the number of warm requests -n ({WarmRequests}).");
        }

        if (WarmRounds < 1 || (WarmRequests >= 1 && WarmRounds > WarmRequests))
        {
            errors.Add($"--rounds: the warm rounds must be between 1 and -n ({WarmRequests}) (got {WarmRounds}).");
        }

        if (WarmupRequests < 0)
        {
            errors.Add($"--warmup: the warm-up request count cannot be negative (got {WarmupRequests}).");
        }

        if (!AllTargetNames.Contains(Baseline, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add($"--baseline: '{Baseline}' is not one of the runtimes measured ({string.Join(", ", AllTargetNames)}).");
        }

        if (string.IsNullOrWhiteSpace(OutputDirectory))
        {
            errors.Add("--out: the output folder cannot be empty.");
        }

        return errors;
    }
}
