namespace Ember.Host;

/// <summary>The account and region Ember presents itself as, in ARNs and environment variables.</summary>
internal static class HostIdentity
{
    /// <summary>Twelve zeros, as local emulators use: never a real account.</summary>
    public const string AccountId = "000000000000";
    public const string DefaultRegion = "us-east-1";

    public static string FunctionArn(string region, string name, string? qualifier = null) =>
        qualifier is null
            ? $"arn:aws:lambda:{region}:{AccountId}:function:{name}"
            : $"arn:aws:lambda:{region}:{AccountId}:function:{name}:{qualifier}";
}
