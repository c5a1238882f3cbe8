using System.Runtime.InteropServices;
using Ember.Host.Environments.Isolation;

namespace Ember.Host.Environments;

/// <summary>
/// Where a host's environments get their own temporary directory (TMPDIR), as each Lambda
/// environment has its own /tmp: <c>&lt;system temp&gt;/ember-environments/&lt;host-instance&gt;/&lt;environment&gt;</c>.
/// An environment's directory goes when it retires, the host's when it stops, and those of hosts
/// that died without stopping (kill -9) when the next host starts.
/// </summary>
internal sealed partial class EnvironmentTempRoot : IDisposable
{
    public EnvironmentTempRoot(string? baseDirectory = null)
    {
        var parent = Path.Combine(baseDirectory ?? Path.GetTempPath(), "ember-environments");
        // Others may pass through (to their own directory) but not list: 0711.
        const UnixFileMode Traverse = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        System.IO.Directory.CreateDirectory(parent, Traverse);
        foreach (var instance in System.IO.Directory.GetDirectories(parent).Where(d => HostInstance.IsStale(Path.GetFileName(d))))
        {
            Folders.RemoveQuietly(instance);
        }
        Directory = System.IO.Directory.CreateDirectory(Path.Combine(parent, HostInstance.NewName()), Traverse).FullName;
    }

    public string Directory { get; }

    /// <summary>
    /// A new, empty directory of the environment <paramref name="environmentId"/>, readable by its
    /// owner only: <paramref name="owner"/> when the environment runs as its own user.
    /// </summary>
    public string Create(string environmentId, SandboxIdentity? owner = null)
    {
        var path = Path.Combine(Directory, HostInstance.SafeDirectoryName(environmentId));
        System.IO.Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (owner is { } identity && chown(path, identity.Uid, identity.Gid) != 0)
        {
            throw new IOException($"cannot give {path} to uid {identity.Uid}: errno {Marshal.GetLastPInvokeError()}");
        }
        return path;
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int chown(string path, int owner, int group);

    public void Dispose() => Folders.RemoveQuietly(Directory);
}
