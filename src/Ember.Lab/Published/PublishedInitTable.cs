using System.Text.Json;

namespace Ember.Lab.Published;

/// <summary>
/// Published Lambda Init Durations, read from <c>Data/published-init.json</c> (embedded): a dated snapshot of a
/// public cold-start benchmark, so the report can set each runtime's local Init beside what AWS reports for the
/// same runtime, and a newer snapshot is a data change with its own date.
/// </summary>
/// <param name="Source">The benchmark's name.</param>
/// <param name="Method">What its figures are, in a phrase.</param>
/// <param name="Url">Where it is published.</param>
/// <param name="File">The snapshot's path in that repository.</param>
/// <param name="GeneratedAt">When the snapshot was made.</param>
/// <param name="Architecture">The instruction set of every figure.</param>
/// <param name="PlatformFloor">Id of the runtime whose own start is next to nothing, so its Init is roughly the platform's share.</param>
/// <param name="Runtimes">The published runtimes.</param>
/// <param name="LabRuntimes">Which published runtime each lab runtime is compared with.</param>
internal sealed record PublishedInitTable(
    string Source,
    string Method,
    string Url,
    string File,
    DateTimeOffset GeneratedAt,
    string Architecture,
    string PlatformFloor,
    IReadOnlyList<PublishedInitRuntime> Runtimes,
    IReadOnlyList<PublishedInitMapping> LabRuntimes)
{
    private const string ResourceName = "Ember.Lab.Data.published-init.json";

    /// <summary>The table shipped with Ember.</summary>
    public static PublishedInitTable Default { get; } = LoadEmbedded();

    public static PublishedInitTable LoadEmbedded()
    {
        using var stream = typeof(PublishedInitTable).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The published Init table resource '{ResourceName}' is missing from Ember.Lab.");
        return Parse(stream);
    }

    /// <summary>Reads a table and checks it whole: every problem is reported at once, each naming the entry at fault.</summary>
    public static PublishedInitTable Parse(Stream json)
    {
        var table = JsonSerializer.Deserialize(json, PublishedInitJsonContext.Default.PublishedInitTable)
            ?? throw new InvalidDataException("The published Init table is empty.");
        var problems = table.Problems().ToList();
        if (problems.Count > 0)
        {
            throw new InvalidDataException("The published Init table is not usable:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "- " + p)));
        }

        return table;
    }

    /// <summary>The published figure <paramref name="labRuntime"/> is compared with at <paramref name="memoryMb"/>, or null when the table maps no runtime to it.</summary>
    public PublishedInit? For(string labRuntime, int memoryMb)
    {
        var mapping = LabRuntimes.FirstOrDefault(m => string.Equals(m.Lab, labRuntime, StringComparison.OrdinalIgnoreCase));
        if (mapping is null)
        {
            return null;
        }

        var figure = Runtime(mapping.Published).Nearest(memoryMb);
        var floor = Runtime(PlatformFloor).Nearest(memoryMb);
        return new PublishedInit(mapping.Published, mapping.Label, figure.MemoryMb, figure.InitMs, figure.MaxMemoryUsedMb, floor.InitMs, figure.FirstDurationMs);
    }

    public PublishedInitRuntime Runtime(string id) =>
        Runtimes.FirstOrDefault(r => r.Id == id) ?? throw new KeyNotFoundException($"The published Init table has no runtime '{id}'.");

    private IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Source) || string.IsNullOrWhiteSpace(Method) || string.IsNullOrWhiteSpace(Url) || string.IsNullOrWhiteSpace(File))
        {
            yield return "source, method, url and file say where the figures come from and what they are; set all four.";
        }

        if (GeneratedAt == default)
        {
            yield return "generatedAt is missing; give the snapshot's date.";
        }

        if (string.IsNullOrWhiteSpace(Architecture))
        {
            yield return "architecture is missing (x86_64 or arm64).";
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var runtime in Runtimes ?? [])
        {
            if (!ids.Add(runtime.Id ?? string.Empty))
            {
                yield return $"runtime '{runtime.Id}' is listed twice.";
            }

            if (runtime.Figures is not { Count: > 0 })
            {
                yield return $"runtime '{runtime.Id}' has no figures.";
                continue;
            }

            foreach (var figure in runtime.Figures.Where(f => f.MemoryMb <= 0 || !double.IsFinite(f.InitMs) || f.InitMs <= 0))
            {
                yield return $"runtime '{runtime.Id}' at {figure.MemoryMb} MB: memoryMb and initMs must be positive.";
            }
        }

        if (ids.Count == 0)
        {
            yield return "runtimes is empty.";
        }

        if (!ids.Contains(PlatformFloor ?? string.Empty))
        {
            yield return $"platformFloor '{PlatformFloor}' is not one of the runtimes.";
        }

        var labs = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var mapping in LabRuntimes ?? [])
        {
            if (!labs.Add(mapping.Lab ?? string.Empty))
            {
                yield return $"lab runtime '{mapping.Lab}' is mapped twice.";
            }

            if (!ids.Contains(mapping.Published ?? string.Empty))
            {
                yield return $"lab runtime '{mapping.Lab}' is mapped to '{mapping.Published}', which is not one of the runtimes.";
            }

            if (string.IsNullOrWhiteSpace(mapping.Label))
            {
                yield return $"lab runtime '{mapping.Lab}' has no label.";
            }
        }
    }
}
