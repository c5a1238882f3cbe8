namespace Ember.Host.ControlPlane.Shapes;

internal sealed class LoggingConfigShape
{
    public string LogFormat { get; set; } = Wire.ControlPlaneValues.LogFormatText;
    public required string LogGroup { get; set; }
}
