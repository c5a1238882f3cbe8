namespace Ember.Host.ControlPlane.Shapes;

internal sealed class TracingConfigShape
{
    public string Mode { get; set; } = Wire.ControlPlaneValues.TracingPassThrough;
}
