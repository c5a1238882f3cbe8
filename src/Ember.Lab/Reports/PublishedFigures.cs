namespace Ember.Lab.Reports;

/// <summary>The published Go-vs-Python figures the lab compares its ratios with (shared/spec/telemetry.md).</summary>
internal static class PublishedFigures
{
    public const string Setting = "AWS Lambda, 512 MB, arm64, 30 iterations, client over the internet";

    public static IReadOnlyList<PublishedRow> Rows { get; } =
    [
        new(100, 70, 89, 272, 41, 54, 136),
        new(1_000, 72, 82, 68, 53, 68, 46),
        new(5_000, 124, 151, 124, 108, 130, 135),
        new(10_000, 205, 236, 220, 197, 221, 190),
        new(20_000, 473, 573, 422, 359, 391, 357),
    ];

    public static PublishedRow? For(int events) => Rows.FirstOrDefault(r => r.Events == events);

    /// <summary>
    /// The handler's post-parse compute the reference article reports at 20,000 events (same setting): the one
    /// published figure of the function's own time, beside which the lab states this machine's speed.
    /// </summary>
    public static double? ComputeMs(string runtime, int events) => (runtime, events) switch
    {
        ("python", 20_000) => 117,
        ("go", 20_000) => 140,
        _ => null,
    };
}
