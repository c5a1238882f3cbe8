using System.Diagnostics;
using System.Text.Json;
using Ember.Host.Environments.Isolation;

namespace Ember.Host.Tests.Isolation;

/// <summary>The wrapper, exercised with a plain directory standing in for a cgroup (no root needed).</summary>
public sealed class CgroupEntryTests : IDisposable
{
    private static readonly string[] s_awkward = ["a b", "it's", "\"quoted\"", "$HOME", "", "back\\slash", "tail\\", "\\\"", "; exit 3"];
    private readonly string _group = Directory.CreateTempSubdirectory("ember-entry-").FullName;

    public void Dispose() => Directory.Delete(_group, recursive: true);

    [Fact]
    public void Wrap_ArgumentList_ProgramGetsTheSameArgumentsAndPidIsWrittenFirst()
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("import sys, json, os; print(json.dumps(sys.argv[1:])); print(os.getpid())");
        foreach (var argument in s_awkward)
        {
            start.ArgumentList.Add(argument);
        }

        CgroupEntry.Wrap(start, [_group]);
        var (lines, pid) = Run(start);

        Assert.Equal(CgroupEntry.Shell, start.FileName);
        Assert.Equal(s_awkward, JsonSerializer.Deserialize<string[]>(lines[0]));
        Assert.Equal(lines[1], File.ReadAllText(Path.Combine(_group, "cgroup.procs")).Trim()); // exec kept the pid
        Assert.Equal(pid.ToString(), lines[1]);
    }

    [Fact]
    public void Wrap_ArgumentsString_IsSplitExactlyAsWithoutTheWrapper()
    {
        const string arguments = "-c \"import sys, json; print(json.dumps(sys.argv[1:]))\" \"a b\" it\\'s \\\"q\\\" \"x\\\\\\\"y\" \"\"";
        var plain = new ProcessStartInfo("python3", arguments) { RedirectStandardOutput = true };
        var wrapped = new ProcessStartInfo("python3", arguments) { RedirectStandardOutput = true };

        CgroupEntry.Wrap(wrapped, [_group]);

        Assert.Equal(Run(plain).Lines[0], Run(wrapped).Lines[0]);
    }

    [Fact]
    public void Wrap_CgroupCannotBeJoined_ProgramNeverRuns()
    {
        var start = new ProcessStartInfo("python3", ["-c", "print('ran')"]) { RedirectStandardOutput = true, RedirectStandardError = true };

        CgroupEntry.Wrap(start, [Path.Combine(_group, "missing")]);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();

        Assert.Equal(CgroupEntry.JoinFailedExitCode, process.ExitCode);
        Assert.Equal(string.Empty, output);
    }

    private static (List<string> Lines, int Pid) Run(ProcessStartInfo start)
    {
        using var process = Process.Start(start)!;
        var lines = process.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        Assert.True(process.WaitForExit(20_000));
        Assert.Equal(0, process.ExitCode);
        return (lines, process.Id);
    }
}
