using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Ember.Host.ControlPlane;

/// <summary>
/// Lambda's list paging: <c>MaxItems</c> items at most (and never more than the operation's page size),
/// from <c>Marker</c> on; <c>NextMarker</c> names where the next page starts, and is absent on the last.
/// A marker is opaque to clients (here, the base64 of the next item's key), as Lambda's are.
/// </summary>
internal static class Paging
{
    public static (List<T> Page, string? NextMarker) Page<T>(HttpContext context, IEnumerable<T> sortedItems, Func<T, string> key, int pageSize)
    {
        var maxItems = pageSize;
        if (context.Request.Query["MaxItems"].ToString() is { Length: > 0 } asked)
        {
            if (!int.TryParse(asked, NumberStyles.None, CultureInfo.InvariantCulture, out var given) || given is < 1 or > 10_000)
            {
                throw ControlPlaneException.InvalidParameter($"1 validation error detected: Value '{asked}' at 'maxItems' failed to satisfy constraint: "
                    + "Member must have value between 1 and 10000");
            }
            maxItems = Math.Min(given, pageSize);
        }
        var from = Decode(context.Request.Query["Marker"].ToString());
        var remaining = sortedItems.SkipWhile(item => from is not null && string.CompareOrdinal(key(item), from) < 0).Take(maxItems + 1).ToList();
        if (remaining.Count <= maxItems)
        {
            return (remaining, null);
        }
        return (remaining[..maxItems], Convert.ToBase64String(Encoding.UTF8.GetBytes(key(remaining[maxItems]))));
    }

    private static string? Decode(string marker)
    {
        if (marker.Length == 0)
        {
            return null;
        }
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(marker));
        }
        catch (FormatException)
        {
            throw ControlPlaneException.InvalidParameter($"Marker '{marker}' is not a marker this API returned.");
        }
    }
}
