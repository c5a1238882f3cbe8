namespace Ember.Host.ControlPlane.Shapes;

internal sealed class UpdateFunctionConfigurationRequest
{
    public string? Role { get; set; }
    public string? Handler { get; set; }
    public string? Description { get; set; }
    public int? Timeout { get; set; }
    public int? MemorySize { get; set; }
    public EnvironmentShape? Environment { get; set; }
    public DeadLetterConfigShape? DeadLetterConfig { get; set; }
    public LoggingConfigShape? LoggingConfig { get; set; }
    public string? Runtime { get; set; }
    public string? RevisionId { get; set; }
}
