using Ember.Host.Auth;

namespace Ember.Lab.Tuning;

/// <summary>
/// Credentials and region from the standard AWS sources, in the AWS CLI's order: a named profile
/// (<c>--profile</c>, else <c>AWS_PROFILE</c>) from the shared credentials and config files; else the
/// environment (<c>AWS_ACCESS_KEY_ID</c>, <c>AWS_SECRET_ACCESS_KEY</c>, <c>AWS_SESSION_TOKEN</c>); else
/// the <c>default</c> profile.
/// </summary>
internal static class AwsCredentialSources
{
    public static AwsCredentials? Resolve(string? profile, Func<string, string?> variable)
    {
        var named = profile ?? variable("AWS_PROFILE");
        if (named is null && variable("AWS_ACCESS_KEY_ID") is { Length: > 0 } id && variable("AWS_SECRET_ACCESS_KEY") is { Length: > 0 } secret)
        {
            return new AwsCredentials(id, secret, variable("AWS_SESSION_TOKEN") is { Length: > 0 } token ? token : null);
        }
        var section = SharedConfigFile.Section(CredentialsFile(variable), named ?? "default");
        return section.TryGetValue("aws_access_key_id", out var key) && section.TryGetValue("aws_secret_access_key", out var secretKey)
            ? new AwsCredentials(key, secretKey, section.GetValueOrDefault("aws_session_token"))
            : null;
    }

    /// <summary>The region: the one given, else AWS_REGION / AWS_DEFAULT_REGION, else the profile's, else the endpoint's (lambda.REGION.amazonaws.com).</summary>
    public static string Region(string? given, string? profile, Uri endpoint, Func<string, string?> variable)
    {
        if ((given ?? variable("AWS_REGION") ?? variable("AWS_DEFAULT_REGION")) is { Length: > 0 } chosen)
        {
            return chosen;
        }
        var name = profile ?? variable("AWS_PROFILE") ?? "default";
        var config = SharedConfigFile.Section(ConfigFile(variable), name == "default" ? "default" : "profile " + name);
        if (config.TryGetValue("region", out var region))
        {
            return region;
        }
        var parts = endpoint.Host.Split('.');
        return parts.Length >= 4 && parts[0] == "lambda" ? parts[1] : Ember.Host.HostIdentity.DefaultRegion;
    }

    private static string CredentialsFile(Func<string, string?> variable) =>
        variable("AWS_SHARED_CREDENTIALS_FILE") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".aws", "credentials");

    private static string ConfigFile(Func<string, string?> variable) =>
        variable("AWS_CONFIG_FILE") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".aws", "config");
}
