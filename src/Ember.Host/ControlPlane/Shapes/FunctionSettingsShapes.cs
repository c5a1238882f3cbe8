namespace Ember.Host.ControlPlane.Shapes;

/// <summary>Get/PutFunctionRecursionConfig's request and answer.</summary>
internal sealed class RecursionConfigShape
{
    public string? RecursiveLoop { get; set; }
}

/// <summary>Get/PutRuntimeManagementConfig's request and answer.</summary>
internal sealed class RuntimeManagementConfigShape
{
    public string? UpdateRuntimeOn { get; set; }
    public string? RuntimeVersionArn { get; set; }
    public string? FunctionArn { get; set; }
}
