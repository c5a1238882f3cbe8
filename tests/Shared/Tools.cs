namespace Ember.Tests.Shared;

/// <summary>Programs on this machine the tests drive.</summary>
internal static class Tools
{
    /// <summary>The first <paramref name="tool"/> on PATH, as a full path; null when there is none.</summary>
    public static string? Find(string tool) => Candidates(tool).FirstOrDefault();

    /// <summary>
    /// The first AWS CLI v2 on PATH, even where a v1 comes before it: a pip-installed v1 often
    /// comes first (pyenv shims), while users run v2 (Debian's /usr/bin/aws, the official
    /// installer's /usr/local/bin/aws). Null when PATH has no v2.
    /// </summary>
    public static readonly Lazy<string?> AwsCliV2 = new(() =>
        Candidates("aws").Distinct()
            .FirstOrDefault(path => ProcessRunner.Run(path, ["--version"], TimeSpan.FromSeconds(60)) is { ExitCode: 0 } version
                && (version.Stdout + version.Stderr).StartsWith("aws-cli/2.", StringComparison.Ordinal)));

    private static readonly Dictionary<string, string?> s_awsEnvironment = new()
    {
        ["AWS_ACCESS_KEY_ID"] = "test",
        ["AWS_SECRET_ACCESS_KEY"] = "test",
        ["AWS_DEFAULT_REGION"] = "us-east-1",
        ["AWS_PAGER"] = "",
    };

    /// <summary>
    /// Runs the AWS CLI v2 in us-east-1 with test credentials, or with <paramref name="credentials"/>
    /// (access key id, secret) where given; skips the test when there is no v2.
    /// </summary>
    public static Task<ProcessResult> AwsAsync(IEnumerable<string> arguments, (string AccessKeyId, string Secret)? credentials = null)
    {
        var environment = new Dictionary<string, string?>(s_awsEnvironment);
        if (credentials is { } c)
        {
            environment["AWS_ACCESS_KEY_ID"] = c.AccessKeyId;
            environment["AWS_SECRET_ACCESS_KEY"] = c.Secret;
        }
        return ProcessRunner.RunAsync(Requires.AwsCliV2(), arguments, TimeSpan.FromMinutes(2), environment: environment);
    }

    private static IEnumerable<string> Candidates(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, tool))
            .Where(File.Exists);
}
