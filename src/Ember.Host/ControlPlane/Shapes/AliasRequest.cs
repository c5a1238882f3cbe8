namespace Ember.Host.ControlPlane.Shapes;

/// <summary>CreateAlias and UpdateAlias bodies (Name only in the former).</summary>
internal sealed class AliasRequest
{
    public string? Name { get; set; }
    public string? FunctionVersion { get; set; }
    public string? Description { get; set; }
    public AliasRoutingShape? RoutingConfig { get; set; }
    public string? RevisionId { get; set; }
}
