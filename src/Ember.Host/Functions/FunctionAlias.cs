using System.Collections.Immutable;

namespace Ember.Host.Functions;

/// <summary>A name for a version, optionally sending a share of invocations to one other version.</summary>
internal sealed record FunctionAlias
{
    public required string Name { get; init; }
    public required string FunctionVersion { get; init; }
    public string Description { get; init; } = "";

    /// <summary>Version → fraction (0–1) of invocations it receives; Lambda allows at most one entry.</summary>
    public ImmutableSortedDictionary<string, double> AdditionalVersionWeights { get; init; } = ImmutableSortedDictionary<string, double>.Empty;
    public string RevisionId { get; init; } = Guid.NewGuid().ToString();
}
