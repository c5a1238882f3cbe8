namespace Ember.Host.ControlPlane.Shapes;

internal sealed class ListProvisionedConcurrencyConfigsResponse
{
    public required List<ProvisionedConcurrencyConfigListItem> ProvisionedConcurrencyConfigs { get; set; }
}
