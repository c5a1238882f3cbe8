namespace Ember.Host.ControlPlane.Shapes;

/// <summary>AliasRoutingConfiguration.</summary>
internal sealed class AliasRoutingShape
{
    public Dictionary<string, double>? AdditionalVersionWeights { get; set; }
}
