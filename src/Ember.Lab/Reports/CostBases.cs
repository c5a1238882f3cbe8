namespace Ember.Lab.Reports;

internal static class CostBases
{
    public const string ServerBilled = "server-billed";
    public const string ClientLatency = "client-latency";
}
