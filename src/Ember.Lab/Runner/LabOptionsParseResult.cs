namespace Ember.Lab.Runner;

/// <summary>The outcome of parsing <c>ember lab</c>'s arguments: options, or every problem found, each naming its flag.</summary>
internal sealed record LabOptionsParseResult(LabOptions? Options, IReadOnlyList<string> Errors)
{
    public bool Success => Options is not null && Errors.Count == 0;
}
