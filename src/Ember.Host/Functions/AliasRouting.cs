namespace Ember.Host.Functions;

/// <summary>Which version an alias invocation runs on, by the alias's weights.</summary>
internal static class AliasRouting
{
    /// <summary>
    /// The version for a uniform <paramref name="sample"/> in [0, 1): each additional version takes
    /// its weight's share of the interval, the alias's own version the rest.
    /// </summary>
    public static string Select(FunctionAlias alias, double sample)
    {
        ArgumentNullException.ThrowIfNull(alias);
        var edge = 0.0;
        foreach (var (version, weight) in alias.AdditionalVersionWeights)
        {
            edge += weight;
            if (sample < edge)
            {
                return version;
            }
        }
        return alias.FunctionVersion;
    }
}
