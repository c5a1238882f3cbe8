namespace Ember.Lab.Published;

/// <summary>One runtime of the published table, by the benchmark's own id and name, with a figure per memory size.</summary>
internal sealed record PublishedInitRuntime(string Id, string Name, IReadOnlyList<PublishedInitFigure> Figures)
{
    /// <summary>
    /// The figure at <paramref name="memoryMb"/>, or at the nearest size listed (the smaller on a tie): Lambda's
    /// Init does not follow the memory size, so a neighbour stands in fairly.
    /// </summary>
    public PublishedInitFigure Nearest(int memoryMb) =>
        Figures.OrderBy(f => Math.Abs(f.MemoryMb - memoryMb)).ThenBy(f => f.MemoryMb).First();
}
