namespace Ember.Host.Templates;

/// <summary>One thing wrong with a template: where (a function's logical id, or null for the file) and what to do.</summary>
internal sealed record TemplateProblem(string? Function, string Message)
{
    public override string ToString() => Function is null ? Message : $"{Function}: {Message}";
}
