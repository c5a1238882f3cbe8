namespace Ember.Host.Templates;

/// <summary>The functions a template declares, and the warnings (ignored properties, unresolved intrinsics) met on the way.</summary>
internal sealed record TemplateReadResult(IReadOnlyList<TemplateFunction> Functions, IReadOnlyList<TemplateProblem> Warnings)
{
    /// <summary>The DynamoDB tables it declares, for the local DynamoDB server.</summary>
    public IReadOnlyList<TemplateTable> Tables { get; init; } = [];
}
