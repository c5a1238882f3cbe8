namespace Ember.Host.ControlPlane.Shapes;

/// <summary>Lambda's FunctionConfiguration, the answer of most function operations.</summary>
internal sealed class FunctionConfigurationShape
{
    public required string FunctionName { get; set; }
    public required string FunctionArn { get; set; }
    public required string Runtime { get; set; }
    public string Role { get; set; } = "";
    public required string Handler { get; set; }
    public long CodeSize { get; set; }
    public string Description { get; set; } = "";
    public int Timeout { get; set; }
    public int MemorySize { get; set; }
    public required string LastModified { get; set; }
    public string CodeSha256 { get; set; } = "";
    public required string Version { get; set; }
    public EnvironmentShape? Environment { get; set; }
    public TracingConfigShape TracingConfig { get; set; } = new();
    public required string RevisionId { get; set; }
    public string State { get; set; } = Wire.ControlPlaneValues.StateActive;
    public required string LastUpdateStatus { get; set; }
    public string? LastUpdateStatusReason { get; set; }
    public string? LastUpdateStatusReasonCode { get; set; }
    public string PackageType { get; set; } = Wire.ControlPlaneValues.PackageTypeZip;
    public required List<string> Architectures { get; set; }
    public EphemeralStorageShape EphemeralStorage { get; set; } = new();
    public required LoggingConfigShape LoggingConfig { get; set; }
}
