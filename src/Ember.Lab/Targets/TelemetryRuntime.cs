namespace Ember.Lab.Targets;

/// <summary>One runtime of the reference workload: the lab's name for it, the template's function, and its label.</summary>
internal sealed record TelemetryRuntime(string Name, string FunctionName, string Label, string? Toolchain)
{
    /// <summary>The four implementations functions/telemetry/template.yaml declares.</summary>
    public static IReadOnlyList<TelemetryRuntime> All { get; } =
    [
        new("csharp-aot", "telemetry-csharp", "C# (Native AOT)", null),
        new("csharp-jit", "telemetry-csharp-jit", "C# (JIT)", null),
        new("go", "telemetry-go", "Go", "go"),
        new("python", "telemetry-python", "Python", "python3"),
    ];

    /// <summary>
    /// The I/O-bound variants functions/telemetry-io/template.yaml declares (`--scenario io`): the same
    /// aggregation, then one DynamoDB PutItem; each named after its compute twin with "-io".
    /// </summary>
    public static IReadOnlyList<TelemetryRuntime> IoVariants { get; } =
    [
        new("csharp-aot-io", "telemetry-io-csharp", "C# (Native AOT) + PutItem", null),
        new("go-io", "telemetry-io-go", "Go + PutItem", "go"),
        new("python-io", "telemetry-io-python", "Python + PutItem", "python3"),
    ];

    /// <summary>The suffix that names an I/O-bound variant after its compute twin.</summary>
    public const string IoSuffix = "-io";

    /// <summary>The I/O-bound variant of a compute runtime, if it has one (C# JIT has none).</summary>
    public static TelemetryRuntime? IoVariantOf(string name) =>
        IoVariants.FirstOrDefault(r => string.Equals(r.Name, name + IoSuffix, StringComparison.OrdinalIgnoreCase));

    public static TelemetryRuntime? Find(string name) =>
        All.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
}
