using System.Security.Cryptography;

namespace Ember.Host.Auth;

/// <summary>
/// The root credentials of a host's data directory, kept in <c>&lt;data-dir&gt;/credentials</c> in the
/// AWS shared-credentials format (so <c>AWS_SHARED_CREDENTIALS_FILE</c> can point at it), readable
/// by its owner only. Made on the first <c>ember up</c>; <c>ember env</c> prints them for a shell.
/// </summary>
internal static class HostCredentials
{
    public const string FileName = "credentials";

    public static string PathIn(string dataDirectory) => Path.Combine(dataDirectory, FileName);

    /// <summary>The data directory's credentials, made (mode 0600) if it has none.</summary>
    public static AwsCredentials LoadOrCreate(string dataDirectory)
    {
        if (Load(dataDirectory) is { } existing)
        {
            return existing;
        }
        Directory.CreateDirectory(dataDirectory);
        var made = new AwsCredentials("AKIA" + RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16),
            RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", 40));
        try
        {
            using var file = new FileStream(PathIn(dataDirectory), new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
            using var writer = new StreamWriter(file);
            writer.Write($"[default]\naws_access_key_id = {made.AccessKeyId}\naws_secret_access_key = {made.SecretAccessKey}\n");
        }
        catch (IOException) when (Load(dataDirectory) is not null)
        {
            // Another host on the same data directory made them first: theirs are the ones.
        }
        return Load(dataDirectory) ?? made;
    }

    /// <summary>The data directory's credentials; null when it has none (or they cannot be read).</summary>
    public static AwsCredentials? Load(string dataDirectory)
    {
        var profile = SharedConfigFile.Section(PathIn(dataDirectory), "default");
        return profile.GetValueOrDefault("aws_access_key_id") is { Length: > 0 } id && profile.GetValueOrDefault("aws_secret_access_key") is { Length: > 0 } secret
            ? new AwsCredentials(id, secret)
            : null;
    }
}
