namespace Ember.Lab.Cost;

internal sealed record PriceFile(
    string Source,
    string Region,
    string EffectiveDate,
    string Currency,
    decimal RequestPricePerMillion,
    int BillingGranularityMs,
    bool InitBilled,
    Dictionary<string, decimal> GbSecondPrice,
    Dictionary<string, decimal>? ProvisionedConcurrencyGbSecondPrice = null,
    Dictionary<string, decimal>? ProvisionedDurationGbSecondPrice = null);
