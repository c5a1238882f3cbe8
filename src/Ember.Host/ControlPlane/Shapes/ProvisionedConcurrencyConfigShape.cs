namespace Ember.Host.ControlPlane.Shapes;

/// <summary>Put/GetProvisionedConcurrencyConfig response.</summary>
internal sealed class ProvisionedConcurrencyConfigShape
{
    public int RequestedProvisionedConcurrentExecutions { get; set; }
    public int AvailableProvisionedConcurrentExecutions { get; set; }
    public int AllocatedProvisionedConcurrentExecutions { get; set; }
    public required string Status { get; set; }
    public string? StatusReason { get; set; }
    public required string LastModified { get; set; }
}
