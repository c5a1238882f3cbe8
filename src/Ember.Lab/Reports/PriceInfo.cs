namespace Ember.Lab.Reports;

internal sealed record PriceInfo(string Region, DateOnly EffectiveDate, decimal RequestPricePerMillion, decimal GbSecondPriceX86, decimal GbSecondPriceArm)
{
    public static PriceInfo From(Cost.PriceTable table) =>
        new(table.Region, table.EffectiveDate, table.RequestPricePerMillion, table.GbSecondPriceX86, table.GbSecondPriceArm);
}
