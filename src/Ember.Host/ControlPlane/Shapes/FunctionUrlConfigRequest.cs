using System.Text.Json;

namespace Ember.Host.ControlPlane.Shapes;

/// <summary>CreateFunctionUrlConfig and UpdateFunctionUrlConfig bodies.</summary>
internal sealed class FunctionUrlConfigRequest
{
    public string? AuthType { get; set; }
    public JsonElement? Cors { get; set; }
    public string? InvokeMode { get; set; }
}
