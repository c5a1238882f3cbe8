namespace Ember.Host.ControlPlane.Shapes;

/// <summary>LoggingConfig as GetFunctionConfiguration answers it, and as Create/UpdateFunctionConfiguration take it.</summary>
internal sealed class LoggingConfigShape
{
    public string? LogFormat { get; set; } = Wire.ControlPlaneValues.LogFormatText;
    public string? ApplicationLogLevel { get; set; }
    public string? SystemLogLevel { get; set; }
    public string? LogGroup { get; set; }
}
