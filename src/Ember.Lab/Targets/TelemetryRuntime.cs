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

    public static TelemetryRuntime? Find(string name) =>
        All.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
}
