namespace Ember.Host.ControlPlane.Shapes;

/// <summary>One entry of ListProvisionedConcurrencyConfigs.</summary>
internal sealed class ProvisionedConcurrencyConfigListItem
{
    public required string FunctionArn { get; set; }
    public int RequestedProvisionedConcurrentExecutions { get; set; }
    public int AvailableProvisionedConcurrentExecutions { get; set; }
    public int AllocatedProvisionedConcurrentExecutions { get; set; }
    public required string Status { get; set; }
    public string? StatusReason { get; set; }
    public required string LastModified { get; set; }
}
