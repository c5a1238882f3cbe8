using System.Globalization;

namespace Ember.Lab.Reports;

/// <summary>How numbers read in the human reports (Markdown, HTML, terminal), in one place so they agree.</summary>
internal static class ReportFormat
{
    public static string Ms(double value) => double.IsFinite(value) ? value.ToString("0.0", CultureInfo.InvariantCulture) : "–";

    public static string Ms(double? value) => value is { } v ? Ms(v) : "–";

    /// <summary>"+12.3" or "−63.3" (a true minus sign, as in the headers): a difference in ms, its sign always shown.</summary>
    public static string SignedMs(double? value) => value is { } v && double.IsFinite(v)
        ? (v < 0 ? "−" : "+") + Math.Abs(v).ToString("0.0", CultureInfo.InvariantCulture)
        : "–";

    public static string Ratio(double value) => double.IsFinite(value) ? value.ToString("0.00", CultureInfo.InvariantCulture) + "×" : "–";

    public static string Usd(decimal value) => "$" + value.ToString("0.0000", CultureInfo.InvariantCulture);

    public static string Mb(double value) => value > 0 ? value.ToString("0", CultureInfo.InvariantCulture) : "–";

    public static string Events(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Bytes(long? value) => value switch
    {
        null => "–",
        >= 1024 * 1024 => (value.Value / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB",
        >= 1024 => (value.Value / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KB",
        _ => value.Value.ToString(CultureInfo.InvariantCulture) + " B",
    };

    /// <summary>"2.10× (rounds: median 2.05, 1.90–2.30)": a ratio with the spread of its per-round values.</summary>
    public static string Spread(Statistics.RatioSpread? spread)
    {
        if (spread is null || !double.IsFinite(spread.Overall))
        {
            return "–";
        }

        if (spread.Rounds < 2)
        {
            return Ratio(spread.Overall);
        }

        return string.Create(
            CultureInfo.InvariantCulture,
            $"{Ratio(spread.Overall)} (median {spread.Median:0.00}, {spread.Min:0.00}–{spread.Max:0.00})");
    }
}
