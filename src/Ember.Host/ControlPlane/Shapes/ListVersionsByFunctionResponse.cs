namespace Ember.Host.ControlPlane.Shapes;

internal sealed class ListVersionsByFunctionResponse
{
    public required List<FunctionConfigurationShape> Versions { get; set; }

    /// <summary>Where the next page starts; absent on the last page.</summary>
    public string? NextMarker { get; set; }
}
