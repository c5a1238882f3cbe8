namespace Ember.Host.Runtimes;

/// <summary>
/// The Python interpreters of this machine by version (3.8 to 3.14): every <c>python3.X</c> on PATH, in /usr/bin and
/// /usr/local/bin, and under pyenv's versions (its shims are scripts that would add their own start-up to every cold
/// start, so the versions' own binaries are used). A python3.12 function runs on a Python 3.12; when the environments
/// run as their own users, only an interpreter any user may execute counts (pyenv's, under a 0700 /root, does not).
/// </summary>
internal sealed class PythonInterpreters
{
    private readonly Dictionary<int, string> _usable;
    private readonly Dictionary<int, string> _unusable;

    private PythonInterpreters(Dictionary<int, string> usable, Dictionary<int, string> unusable)
    {
        _usable = usable;
        _unusable = unusable;
    }

    /// <summary>The usable versions, by minor number (12 for 3.12), each with its executable.</summary>
    public IReadOnlyDictionary<int, string> Usable => _usable;

    public static PythonInterpreters Discover(bool forOtherUsers)
    {
        var usable = new Dictionary<int, string>();
        var unusable = new Dictionary<int, string>();
        foreach (var (minor, path) in Candidates())
        {
            if (usable.ContainsKey(minor))
            {
                continue;
            }
            if (!forOtherUsers || PythonInterpreter.ExecutableByAnyone(path))
            {
                usable[minor] = path;
                unusable.Remove(minor);
            }
            else
            {
                unusable.TryAdd(minor, path);
            }
        }
        return new PythonInterpreters(usable, unusable);
    }

    /// <summary>The interpreter of <paramref name="runtime"/> (python3.X), or null when this machine has none the environments may run.</summary>
    public string? For(string runtime) => Minor(runtime) is { } minor && _usable.TryGetValue(minor, out var path) ? path : null;

    /// <summary>Why <paramref name="runtime"/> cannot run here, naming what can; null when it can.</summary>
    public string? WhyNot(string runtime)
    {
        if (For(runtime) is not null || Minor(runtime) is not { } minor)
        {
            return null;
        }
        var available = _usable.Count == 0
            ? "no Python 3 that the environments may run"
            : "only " + string.Join(", ", _usable.OrderBy(p => p.Key).Select(p => $"python3.{p.Key} ({p.Value})"));
        var unusable = _unusable.TryGetValue(minor, out var found)
            ? $" {found} exists, but the environments' own users may not execute it (pass --same-user to run environments as the host's user, or install Python 3.{minor} where any user may run it)."
            : "";
        return $"Runtime '{runtime}' cannot run faithfully on this machine, which has {available}.{unusable} Use one of the Python runtimes it has (or a provided runtime), " +
            $"or start the host with --python-compat to run {runtime} functions on another Python 3 (the substitution is stated in each INIT_START line).";
    }

    private static int? Minor(string runtime) =>
        runtime.StartsWith("python3.", StringComparison.Ordinal) && int.TryParse(runtime.AsSpan("python3.".Length), out var minor) ? minor : null;

    private static IEnumerable<(int Minor, string Path)> Candidates()
    {
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Where(d => !d.Contains("/.pyenv/shims", StringComparison.Ordinal))
            .Concat(["/usr/local/bin", "/usr/bin"]);
        var pyenvRoot = Environment.GetEnvironmentVariable("PYENV_ROOT") is { Length: > 0 } root
            ? root
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv");
        var pyenvVersions = Path.Combine(pyenvRoot, "versions");
        if (Directory.Exists(pyenvVersions))
        {
            folders = folders.Concat(Directory.EnumerateDirectories(pyenvVersions).Order(StringComparer.Ordinal).Select(v => Path.Combine(v, "bin")));
        }
        foreach (var folder in folders.Distinct(StringComparer.Ordinal))
        {
            for (var minor = 8; minor <= 14; minor++)
            {
                var path = Path.Combine(folder, $"python3.{minor}");
                if (File.Exists(path))
                {
                    yield return (minor, path);
                }
            }
        }
    }
}
