namespace Ember.Host;

/// <summary>Clean-up of folders the host made (unpacked code, environments' temporary directories).</summary>
internal static class Folders
{
    /// <summary>Removes <paramref name="directory"/> and everything in it, if it is there; a failure is left for a later sweep.</summary>
    public static void RemoveQuietly(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Gone already (DirectoryNotFoundException), or a file in use: this is clean-up, and the
            // caller's own outcome (an error, a retirement) is what matters.
        }
    }
}
