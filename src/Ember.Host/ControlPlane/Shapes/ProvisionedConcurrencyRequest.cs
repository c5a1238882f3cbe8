namespace Ember.Host.ControlPlane.Shapes;

internal sealed class ProvisionedConcurrencyRequest
{
    public int? ProvisionedConcurrentExecutions { get; set; }
}
