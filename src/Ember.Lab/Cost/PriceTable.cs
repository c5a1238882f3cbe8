using System.Text.Json;

namespace Ember.Lab.Cost;

/// <summary>
/// A dated Lambda price table, read from <c>Data/prices.json</c> (embedded), so a price change is a data
/// change with its own date, and every report says which prices it used.
/// </summary>
internal sealed record PriceTable(
    string Region,
    DateOnly EffectiveDate,
    string Currency,
    decimal RequestPricePerMillion,
    decimal GbSecondPriceX86,
    decimal GbSecondPriceArm,
    int BillingGranularityMs,
    bool InitBilled,
    string Source,
    ProvisionedPrices? Provisioned = null)
{
    private const string ResourceName = "Ember.Lab.Data.prices.json";

    public decimal GbSecondPrice(Architecture architecture) =>
        architecture == Architecture.Arm64 ? GbSecondPriceArm : GbSecondPriceX86;

    /// <summary>The table shipped with Ember.</summary>
    public static PriceTable Default { get; } = LoadEmbedded();

    public static PriceTable LoadEmbedded()
    {
        using var stream = typeof(PriceTable).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The price table resource '{ResourceName}' is missing from Ember.Lab.");
        return Parse(stream);
    }

    public static PriceTable Parse(Stream json)
    {
        var file = JsonSerializer.Deserialize(json, PriceJsonContext.Default.PriceFile)
            ?? throw new InvalidDataException("The price table is empty.");
        return new PriceTable(
            file.Region,
            DateOnly.Parse(file.EffectiveDate, System.Globalization.CultureInfo.InvariantCulture),
            file.Currency,
            file.RequestPricePerMillion,
            file.GbSecondPrice["x86_64"],
            file.GbSecondPrice["arm64"],
            file.BillingGranularityMs,
            file.InitBilled,
            file.Source,
            file.ProvisionedConcurrencyGbSecondPrice is { } standing && file.ProvisionedDurationGbSecondPrice is { } duration
                ? new ProvisionedPrices(standing["x86_64"], standing["arm64"], duration["x86_64"], duration["arm64"])
                : null);
    }
}
