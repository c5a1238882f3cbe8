namespace Ember.Host.ControlPlane.Shapes;

internal sealed class ListFunctionsResponse
{
    public required List<FunctionConfigurationShape> Functions { get; set; }

    /// <summary>Where the next page starts; absent on the last page.</summary>
    public string? NextMarker { get; set; }
}
