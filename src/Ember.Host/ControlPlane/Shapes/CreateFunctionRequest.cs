namespace Ember.Host.ControlPlane.Shapes;

internal sealed class CreateFunctionRequest
{
    public string? FunctionName { get; set; }
    public string? Runtime { get; set; }
    public string? Role { get; set; }
    public string? Handler { get; set; }
    public FunctionCodeShape? Code { get; set; }
    public string? Description { get; set; }
    public int? Timeout { get; set; }
    public int? MemorySize { get; set; }
    public bool? Publish { get; set; }
    public EnvironmentShape? Environment { get; set; }
    public DeadLetterConfigShape? DeadLetterConfig { get; set; }
    public LoggingConfigShape? LoggingConfig { get; set; }
    public List<string>? Architectures { get; set; }
    public string? PackageType { get; set; }
}
