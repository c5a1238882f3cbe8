namespace Ember.Host.ControlPlane.Shapes;

/// <summary>Concurrency / GetFunctionConcurrencyResponse, and PutFunctionConcurrency's body.</summary>
internal sealed class ConcurrencyShape
{
    public int? ReservedConcurrentExecutions { get; set; }
}
