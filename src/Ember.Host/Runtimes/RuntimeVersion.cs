namespace Ember.Host.Runtimes;

/// <summary>
/// What INIT_START names as the runtime version: Lambda writes "python:3.13.v14" and a runtime
/// version ARN; Ember writes the same shape with "ember" in place of AWS's build number, so a
/// parser reads it and a reader sees it is not AWS's build.
/// </summary>
internal static class RuntimeVersion
{
    /// <summary>"python3.12" → "python:3.12.ember", "provided.al2023" → "provided:al2023.ember", "dotnet8" → "dotnet:8.ember".</summary>
    public static string For(string runtime)
    {
        var split = 0;
        while (split < runtime.Length && char.IsAsciiLetter(runtime[split]))
        {
            split++;
        }
        var family = runtime[..split];
        var version = runtime[split..].TrimStart('.');
        return version.Length == 0 ? $"{family}.ember" : $"{family}:{version}.ember";
    }

    public static string Arn(string runtime, string region) => $"arn:aws:lambda:{region}::runtime:ember-{runtime}";
}
