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

    /// <summary>
    /// Makes the data directory the host's own once environments run as other users: the folder
    /// itself may be passed through (0711) but not listed, <paramref name="shared"/> (the unpacked
    /// code, which environments must read) likewise, and everything else in it (credentials,
    /// records, logs, stored configurations) is readable by the host's user only.
    /// </summary>
    public static void KeepPrivate(string dataDirectory, string shared)
    {
        const UnixFileMode Owner = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        const UnixFileMode Traverse = Owner | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        Directory.CreateDirectory(Path.Combine(dataDirectory, shared), Traverse);
        File.SetUnixFileMode(dataDirectory, Traverse);
        File.SetUnixFileMode(Path.Combine(dataDirectory, shared), Traverse);
        foreach (var entry in Directory.EnumerateFileSystemEntries(dataDirectory))
        {
            if (Path.GetFileName(entry) == shared)
            {
                continue;
            }
            File.SetUnixFileMode(entry, Directory.Exists(entry) ? Owner : UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        foreach (var own in new[] { "logs", "functions" })
        {
            Directory.CreateDirectory(Path.Combine(dataDirectory, own), Owner);
        }
    }
}
