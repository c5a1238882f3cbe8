namespace Ember.Host.ControlPlane.Shapes;

internal sealed class ListAliasesResponse
{
    public required List<AliasConfigurationShape> Aliases { get; set; }
}
