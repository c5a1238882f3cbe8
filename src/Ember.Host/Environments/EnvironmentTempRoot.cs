using Ember.Host.Environments.Isolation;

namespace Ember.Host.Environments;

/// <summary>
/// Where a host's environments get their own temporary directory (TMPDIR), as each Lambda
/// environment has its own /tmp: <c>&lt;system temp&gt;/ember-environments/&lt;host-instance&gt;/&lt;environment&gt;</c>.
/// An environment's directory goes when it retires, the host's when it stops, and those of hosts
/// that died without stopping (kill -9) when the next host starts.
/// </summary>
internal sealed class EnvironmentTempRoot : IDisposable
{
    public EnvironmentTempRoot(string? baseDirectory = null)
    {
        var parent = Path.Combine(baseDirectory ?? Path.GetTempPath(), "ember-environments");
        System.IO.Directory.CreateDirectory(parent);
        foreach (var instance in System.IO.Directory.GetDirectories(parent).Where(d => HostInstance.IsStale(Path.GetFileName(d))))
        {
            Folders.RemoveQuietly(instance);
        }
        Directory = System.IO.Directory.CreateDirectory(Path.Combine(parent, HostInstance.NewName())).FullName;
    }

    public string Directory { get; }

    /// <summary>A new, empty directory of the environment <paramref name="environmentId"/>, readable by its owner only.</summary>
    public string Create(string environmentId)
    {
        var path = Path.Combine(Directory, HostInstance.SafeDirectoryName(environmentId));
        System.IO.Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    public void Dispose() => Folders.RemoveQuietly(Directory);
}
