namespace Ember.Tests.Shared;

/// <summary>The checkout the tests run from: the folder above the test binaries that holds Ember.slnx.</summary>
internal static class RepositoryRoot
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ember.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Ember.slnx above {AppContext.BaseDirectory}.");
    }
}
