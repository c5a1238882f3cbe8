namespace Ember.Lab.Published;

/// <summary>
/// The published Init Duration a lab runtime is compared with at one memory size: the row used, its label,
/// the size it was read at (the nearest listed when the run's size is not), and the platform floor at that size.
/// </summary>
/// <param name="Runtime">The benchmark's id of the published runtime (<c>dotnet9_aot_on_provided_al2023</c>).</param>
/// <param name="Label">What the report calls it (<c>published: .NET 9 AOT</c>).</param>
/// <param name="MemoryMb">The memory size the figure was read at.</param>
/// <param name="InitMs">Average published Init Duration.</param>
/// <param name="MaxMemoryUsedMb">Average published Max Memory Used of the same cold starts.</param>
/// <param name="PlatformFloorMs">The floor runtime's (Rust's) published Init at the same size: the platform's own share, roughly.</param>
/// <param name="FirstDurationMs">Average published Duration of the first invocation after the cold start, when the snapshot has it.</param>
internal sealed record PublishedInit(string Runtime, string Label, int MemoryMb, double InitMs, double MaxMemoryUsedMb, double PlatformFloorMs, double? FirstDurationMs = null);
