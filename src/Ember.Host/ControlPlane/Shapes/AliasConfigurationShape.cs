namespace Ember.Host.ControlPlane.Shapes;

internal sealed class AliasConfigurationShape
{
    public required string AliasArn { get; set; }
    public required string Name { get; set; }
    public required string FunctionVersion { get; set; }
    public string Description { get; set; } = "";
    public AliasRoutingShape? RoutingConfig { get; set; }
    public required string RevisionId { get; set; }
}
