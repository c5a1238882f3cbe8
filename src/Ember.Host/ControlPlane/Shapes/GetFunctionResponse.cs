namespace Ember.Host.ControlPlane.Shapes;

internal sealed class GetFunctionResponse
{
    public required FunctionConfigurationShape Configuration { get; set; }
    public required FunctionCodeLocationShape Code { get; set; }
    public ConcurrencyShape? Concurrency { get; set; }
}
