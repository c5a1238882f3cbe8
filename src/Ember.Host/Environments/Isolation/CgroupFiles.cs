using System.Globalization;

namespace Ember.Host.Environments.Isolation;

/// <summary>Reading and writing cgroup control files, and finding where this process's cgroups are.</summary>
internal static class CgroupFiles
{
    public static void Write(string directory, string file, string value) =>
        File.WriteAllText(Path.Combine(directory, file), value);

    public static bool TryWrite(string directory, string file, string value)
    {
        try
        {
            Write(directory, file, value);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>A file holding one number ("max" reads as long.MaxValue); null when absent or unreadable.</summary>
    public static long? ReadNumber(string directory, string file)
    {
        var text = TryRead(directory, file)?.Trim();
        if (text is null)
        {
            return null;
        }
        if (text == "max")
        {
            return long.MaxValue;
        }
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    /// <summary>One key of a "key value" per line file (memory.events, memory.oom_control, cgroup.events).</summary>
    public static long? ReadKeyed(string directory, string file, string key)
    {
        var text = TryRead(directory, file);
        if (text is null)
        {
            return null;
        }
        foreach (var line in text.Split('\n'))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && parts[0] == key && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }
        }
        return null;
    }

    public static string? TryRead(string directory, string file)
    {
        try
        {
            return File.ReadAllText(Path.Combine(directory, file));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The pids listed in a cgroup's cgroup.procs (empty when the directory is gone).</summary>
    public static List<int> Processes(string directory)
    {
        var pids = new List<int>();
        var text = TryRead(directory, "cgroup.procs");
        if (text is null)
        {
            return pids;
        }
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (int.TryParse(line, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid))
            {
                pids.Add(pid);
            }
        }
        return pids;
    }

    /// <summary>
    /// Directory of this process's own cgroup in each mounted v1 hierarchy, by controller name
    /// (memory, cpu, freezer…). Ember nests its cgroups under the host's own, so whatever limits
    /// the host itself runs under (a container, a session's slice) still bound its functions.
    /// </summary>
    public static Dictionary<string, string> OwnV1Directories() => OwnDirectories(v2: false);

    /// <summary>Directory of this process's own cgroup in the unified (v2) hierarchy, or null if none is mounted.</summary>
    public static string? OwnV2Directory() => OwnDirectories(v2: true).GetValueOrDefault(string.Empty);

    /// <summary>Mount point of the unified (v2) hierarchy, or null.</summary>
    public static string? V2MountPoint()
    {
        foreach (var mount in Mounts())
        {
            if (mount.FsType == "cgroup2")
            {
                return mount.MountPoint;
            }
        }
        return null;
    }

    private static Dictionary<string, string> OwnDirectories(bool v2)
    {
        // /proc/self/cgroup: "4:memory:/some/path" (v1, controllers comma-joined) or "0::/path" (v2).
        var ownPaths = new Dictionary<string, string>();
        foreach (var line in (TryRead("/proc/self", "cgroup") ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(':', 3);
            if (parts.Length != 3)
            {
                continue;
            }
            if (v2 && parts[0] == "0" && parts[1].Length == 0)
            {
                ownPaths[string.Empty] = parts[2];
            }
            else if (!v2 && parts[1].Length > 0)
            {
                foreach (var controller in parts[1].Split(','))
                {
                    ownPaths[controller] = parts[2];
                }
            }
        }

        var directories = new Dictionary<string, string>();
        foreach (var mount in Mounts())
        {
            if (v2 && mount.FsType == "cgroup2" && ownPaths.TryGetValue(string.Empty, out var path))
            {
                directories[string.Empty] = Join(mount, path);
            }
            else if (!v2 && mount.FsType == "cgroup")
            {
                foreach (var option in mount.SuperOptions.Split(','))
                {
                    if (ownPaths.TryGetValue(option, out var ownPath))
                    {
                        directories[option] = Join(mount, ownPath);
                    }
                }
            }
        }
        return directories;
    }

    /// <summary>
    /// The directory of a cgroup path under a mount whose root may itself be a sub-cgroup
    /// (inside a container the mount root is the container's cgroup, not "/").
    /// </summary>
    private static string Join(Mount mount, string cgroupPath)
    {
        var relative = cgroupPath;
        if (mount.Root != "/" && (relative == mount.Root || relative.StartsWith(mount.Root + "/", StringComparison.Ordinal)))
        {
            relative = relative[mount.Root.Length..];
        }
        return Path.Combine(mount.MountPoint, relative.TrimStart('/')).TrimEnd('/');
    }

    private sealed record Mount(string Root, string MountPoint, string FsType, string SuperOptions);

    private static IEnumerable<Mount> Mounts()
    {
        // mountinfo: id parent major:minor root mountpoint options [optional…] - fstype source superoptions
        foreach (var line in (TryRead("/proc/self", "mountinfo") ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split(' ');
            var separator = Array.IndexOf(fields, "-");
            if (separator < 5 || fields.Length < separator + 4)
            {
                continue;
            }
            yield return new Mount(Unescape(fields[3]), Unescape(fields[4]), fields[separator + 1], fields[separator + 3]);
        }
    }

    // mountinfo escapes space, tab, newline and backslash as \ooo.
    private static string Unescape(string value) =>
        value.Replace("\\040", " ").Replace("\\011", "\t").Replace("\\012", "\n").Replace("\\134", "\\");
}
