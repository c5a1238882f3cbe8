namespace Ember.Host.ControlPlane.Shapes;

internal sealed class ListAliasesResponse
{
    public required List<AliasConfigurationShape> Aliases { get; set; }

    /// <summary>Where the next page starts; absent on the last page.</summary>
    public string? NextMarker { get; set; }
}
