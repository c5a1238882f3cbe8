namespace Ember.Host.ControlPlane.Shapes;

internal sealed class ListFunctionsResponse
{
    public required List<FunctionConfigurationShape> Functions { get; set; }
}
