namespace Ember.Host.ControlPlane.Shapes;

internal sealed class EphemeralStorageShape
{
    public int Size { get; set; } = 512;
}
