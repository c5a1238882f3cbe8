using System.Diagnostics;
using System.Globalization;

namespace Ember.Host.Environments;

/// <summary>The unprivileged user and group one environment's processes run as.</summary>
internal readonly record struct SandboxIdentity(int Uid, int Gid);

/// <summary>
/// One unprivileged identity per execution environment, as Lambda runs each environment as its own
/// <c>sbx_user</c>: a function cannot read another environment's <c>/proc/&lt;pid&gt;/environ</c>, its
/// temporary directory, or the host's files (the data directory's credentials, records, logs).
/// The process drops to its identity with util-linux's <c>setpriv</c> (after joining its cgroups,
/// which needs root), with no supplementary groups and no way to regain privileges
/// (<c>--no-new-privs</c>: setuid programs stay unprivileged).
/// Only a host running as root can do this; <see cref="Detect"/> says why not otherwise.
/// </summary>
internal sealed class SandboxUsers
{
    public const string SetPriv = "/usr/bin/setpriv";
    public const string Unshare = "/usr/bin/unshare";
    public const string Mount = "/usr/bin/mount";

    /// <summary>Exit code of the wrapper when it could not mount the environment's /tmp (the program never ran).</summary>
    public const int TmpMountFailedExitCode = 125;

    // $0: the environment's directory; then folders under /tmp to keep visible, "--", and the command.
    // Each kept folder is bound into the directory at its own path below /tmp, then the directory
    // (with those binds, hence rbind) becomes /tmp.
    private static readonly string TmpScript =
        "t=$0; while [ \"$1\" != -- ]; do mkdir -p \"$t/${1#/tmp/}\" && " + Mount + " --bind -- \"$1\" \"$t/${1#/tmp/}\" || exit "
        + TmpMountFailedExitCode + "; shift; done; shift; " + Mount + " --rbind -- \"$t\" /tmp || { echo 'ember: could not mount the environment'\\''s /tmp' >&2; exit "
        + TmpMountFailedExitCode + "; }; exec \"$@\"";

    /// <summary>Identities per host: enough for every environment a host could run at once.</summary>
    private const int Span = 16384;

    // Far above any login or system account (and the 100000+ ranges of /etc/subuid); each host
    // process takes its own block, so two hosts on one machine do not share identities.
    private const int FirstId = 1_000_000_000;

    private readonly int _base;
    private int _next = -1;

    private SandboxUsers(int hostSlot) => _base = FirstId + hostSlot * Span;

    /// <summary>Per-environment users, or null with the reason they are off (not root, no setpriv).</summary>
    public static SandboxUsers? Detect(out string? whyNot)
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess)
        {
            whyNot = "the host is not root, so every environment runs as the host's user and can read the others' files and environment variables";
            return null;
        }
        if (!File.Exists(SetPriv) || !File.Exists(Unshare) || !File.Exists(Mount))
        {
            whyNot = $"{SetPriv}, {Unshare} or {Mount} (util-linux, mount) is missing, so every environment runs as root";
            return null;
        }
        whyNot = null;
        return new SandboxUsers(Environment.ProcessId % 60000);
    }

    /// <summary>A new identity; identities are reused only after 16,384 more environments.</summary>
    public SandboxIdentity Next()
    {
        var id = _base + (int)((uint)Interlocked.Increment(ref _next) % Span);
        return new SandboxIdentity(id, id);
    }

    /// <summary>
    /// Rewrites <paramref name="start"/> so its program runs as <paramref name="identity"/>, and, with
    /// a <paramref name="privateTmp"/>, in a mount namespace of its own where that directory is /tmp
    /// (<c>unshare --mount --propagation private -- /bin/sh -c SCRIPT DIR [PATH…] -- setpriv … -- program args…</c>).
    /// The folders the environment needs that live under the machine's /tmp (a data directory
    /// there holds the code, <paramref name="keepVisible"/>) are bound at their own paths inside it
    /// first, so they stay where the environment expects them. Arguments travel as separate argv
    /// entries, never re-parsed by the shell.
    /// </summary>
    public static void Wrap(ProcessStartInfo start, SandboxIdentity identity, string? privateTmp = null, IEnumerable<string>? keepVisible = null)
    {
        ArgumentNullException.ThrowIfNull(start);
        if (!string.IsNullOrEmpty(start.Arguments))
        {
            throw new ArgumentException("A start that drops privileges must use ArgumentList.", nameof(start));
        }
        var program = Isolation.CgroupEntry.ResolveLikeProcessStart(start.FileName);
        List<string> prefix = [];
        if (privateTmp is not null)
        {
            var underTmp = (keepVisible ?? []).Append(Path.GetDirectoryName(program) ?? "/")
                .Select(p => Path.TrimEndingDirectorySeparator(Path.GetFullPath(p)))
                .Where(p => p.StartsWith("/tmp/", StringComparison.Ordinal))
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal);
            prefix.AddRange(["--mount", "--propagation", "private", "--", Isolation.CgroupEntry.Shell, "-c", TmpScript, privateTmp, .. underTmp, "--", SetPriv]);
        }
        prefix.AddRange([
            "--reuid=" + identity.Uid.ToString(CultureInfo.InvariantCulture),
            "--regid=" + identity.Gid.ToString(CultureInfo.InvariantCulture),
            "--clear-groups",
            "--no-new-privs",
            "--",
            program,
        ]);
        for (var i = 0; i < prefix.Count; i++)
        {
            start.ArgumentList.Insert(i, prefix[i]);
        }
        start.FileName = privateTmp is null ? SetPriv : Unshare;
    }
}
