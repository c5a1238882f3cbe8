namespace Ember.Host.Templates;

/// <summary>The functions a template declares, and the warnings (ignored properties, unresolved intrinsics) met on the way.</summary>
internal sealed record TemplateReadResult(IReadOnlyList<TemplateFunction> Functions, IReadOnlyList<TemplateProblem> Warnings)
{
    /// <summary>The DynamoDB tables it declares, for the local DynamoDB server.</summary>
    public IReadOnlyList<TemplateTable> Tables { get; init; } = [];

    /// <summary>The APIs its functions' Api and HttpApi events route through, implicit ones included.</summary>
    public IReadOnlyList<TemplateApi> Apis { get; init; } = [];

    /// <summary>Every Api and HttpApi event: its API, method, path, payload format and function.</summary>
    public IReadOnlyList<TemplateApiRoute> Routes { get; init; } = [];
}
