namespace Ember.Telemetry.Tests;

internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Telemetry => Path.Combine(Root, "functions", "telemetry");

    public static string EdgeCases => Path.Combine(Telemetry, "payloads", "edge");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ember.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Ember.slnx not found above " + AppContext.BaseDirectory);
    }
}
