namespace Ember.Host.ControlPlane.Shapes;

internal sealed class ListVersionsByFunctionResponse
{
    public required List<FunctionConfigurationShape> Versions { get; set; }
}
