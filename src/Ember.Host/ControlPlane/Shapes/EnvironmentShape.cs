namespace Ember.Host.ControlPlane.Shapes;

/// <summary>Environment / EnvironmentResponse: the function's own variables.</summary>
internal sealed class EnvironmentShape
{
    public Dictionary<string, string>? Variables { get; set; }
}
