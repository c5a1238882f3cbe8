namespace Ember.Lab.Tuning;

/// <summary>What `ember tune` measures: one function of a template, one event, a list of memory sizes.</summary>
internal sealed record TuneOptions
{
    /// <summary>AWS Lambda Power Tuning's default sizes, with 1,769 MB (one full vCPU) in place of 1,536.</summary>
    public static readonly IReadOnlyList<int> DefaultMemorySizesMb = [128, 256, 512, 1024, 1769, 3008];

    public required string FunctionName { get; init; }
    public required string TemplatePath { get; init; }
    public required string PayloadPath { get; init; }
    public IReadOnlyList<int> MemorySizesMb { get; init; } = DefaultMemorySizesMb;

    /// <summary>Warm invocations per memory size, one after another.</summary>
    public int WarmInvocations { get; init; } = 20;

    /// <summary>Forced cold starts per memory size.</summary>
    public int ColdStarts { get; init; } = 3;
    public required string OutputDirectory { get; init; }
}
