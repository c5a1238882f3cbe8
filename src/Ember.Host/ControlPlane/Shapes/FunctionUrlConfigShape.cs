using System.Text.Json;

namespace Ember.Host.ControlPlane.Shapes;

/// <summary>Create/Get/UpdateFunctionUrlConfig response.</summary>
internal sealed class FunctionUrlConfigShape
{
    public required string FunctionUrl { get; set; }
    public required string FunctionArn { get; set; }
    public required string AuthType { get; set; }
    public JsonElement? Cors { get; set; }
    public required string CreationTime { get; set; }
    public string? LastModifiedTime { get; set; }
    public required string InvokeMode { get; set; }
}
