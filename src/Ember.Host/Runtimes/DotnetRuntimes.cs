using Ember.Host.Templates;

namespace Ember.Host.Runtimes;

/// <summary>
/// The .NET of this machine for Lambda's managed .NET runtimes (dotnet8, dotnet10): the <c>dotnet</c> host
/// executable and the versions of Microsoft.NETCore.App beside it. A dotnet10 function runs on a .NET 10; when the
/// environments run as their own users, only a <c>dotnet</c> any user may execute counts.
/// </summary>
internal sealed class DotnetRuntimes
{
    private const string SharedFramework = "Microsoft.NETCore.App";

    private DotnetRuntimes(string? muxer, IReadOnlyList<Version> versions, string? unusable)
    {
        Muxer = muxer;
        Versions = versions;
        Unusable = unusable;
    }

    /// <summary>The <c>dotnet</c> executable the environments run, or null when there is none they may run.</summary>
    public string? Muxer { get; }

    /// <summary>The Microsoft.NETCore.App versions installed beside <see cref="Muxer"/>.</summary>
    public IReadOnlyList<Version> Versions { get; }

    /// <summary>A <c>dotnet</c> found that the environments' users may not execute; null when none was.</summary>
    private string? Unusable { get; }

    public static DotnetRuntimes Discover(bool forOtherUsers) => Discover(forOtherUsers, Candidates());

    /// <summary>The first of <paramref name="candidates"/> (paths of a <c>dotnet</c>) with a runtime beside it.</summary>
    internal static DotnetRuntimes Discover(bool forOtherUsers, IEnumerable<string> candidates)
    {
        string? unusable = null;
        foreach (var candidate in candidates)
        {
            if (!File.Exists(candidate))
            {
                continue;
            }
            var muxer = Path.GetFullPath(new FileInfo(candidate).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? candidate);
            if (forOtherUsers && !PythonInterpreter.ExecutableByAnyone(muxer))
            {
                unusable ??= muxer;
                continue;
            }
            var shared = Path.Combine(Path.GetDirectoryName(muxer)!, "shared", SharedFramework);
            var versions = Directory.Exists(shared)
                ? Directory.EnumerateDirectories(shared)
                    .Select(directory => Version.TryParse(Path.GetFileName(directory).Split('-')[0], out var version) ? version : null)
                    .OfType<Version>()
                    .Order()
                    .ToArray()
                : [];
            if (versions.Length > 0)
            {
                return new DotnetRuntimes(muxer, versions, unusable);
            }
        }
        return new DotnetRuntimes(null, [], unusable);
    }

    /// <summary>
    /// The newer .NET a function of <paramref name="runtime"/> (dotnetN) rolls forward to when this machine has no .NET N;
    /// null when it has one (or none newer).
    /// </summary>
    public Version? RollForwardTarget(string runtime) =>
        RuntimeNames.DotnetMajor(runtime) is { } major && Versions.All(version => version.Major != major)
            ? Versions.Where(version => version.Major > major).DefaultIfEmpty().Max()
            : null;

    /// <summary>
    /// Why a function of <paramref name="runtime"/> (dotnetN) cannot run here, naming what can; null when it can, or when
    /// <paramref name="rollForward"/> (--dotnet-compat) lets a newer .NET run it.
    /// </summary>
    public string? WhyNot(string runtime, bool rollForward = false)
    {
        if (rollForward && Muxer is not null && RollForwardTarget(runtime) is not null)
        {
            return null;
        }
        if (RuntimeNames.DotnetMajor(runtime) is not { } major)
        {
            return null;
        }
        if (Muxer is null)
        {
            return Unusable is null
                ? $"Runtime '{runtime}' cannot run on this machine, which has no .NET runtime; install .NET {major} (apt: dotnet-runtime-{major}.0)."
                : $"Runtime '{runtime}' cannot run on this machine: {Unusable} exists, but the environments' own users may not execute it " +
                  "(pass --same-user to run environments as the host's user, or install .NET where any user may run it).";
        }
        return Versions.Any(version => version.Major == major)
            ? null
            : $"Runtime '{runtime}' cannot run faithfully on this machine, which has only .NET {string.Join(", ", Versions)} ({Muxer}), " +
              $"no {SharedFramework} {major}.x. Install .NET {major} (apt: dotnet-runtime-{major}.0), or retarget the function to a .NET this machine has " +
              $"and declare {string.Join(" or ", Versions.Select(version => $"dotnet{version.Major}").Distinct().Where(RuntimeNames.IsDotnet).DefaultIfEmpty("a provided runtime"))}" +
              (Versions.Any(version => version.Major > major) ? $", or start the host with --dotnet-compat to run {runtime} functions on the newest .NET here (INIT_START says so)." : ".");
    }

    private static IEnumerable<string> Candidates()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath)
        {
            yield return hostPath;
        }
        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root)
        {
            yield return Path.Combine(root, "dotnet");
        }
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            yield return Path.Combine(directory, "dotnet");
        }
        yield return "/usr/share/dotnet/dotnet";
        yield return "/usr/lib/dotnet/dotnet";
    }
}
