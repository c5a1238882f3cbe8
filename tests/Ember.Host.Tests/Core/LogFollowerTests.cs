using System.Collections.Concurrent;
using Ember.Host.Logs;
using Ember.Tests.Shared;

namespace Ember.Host.Tests.Core;

/// <summary>`ember logs -f`: every line once, in order, across the host's rotations of the file.</summary>
public sealed class LogFollowerTests
{
    [Fact]
    public async Task Follow_PrintsWhatIsThereThenNewLines_AcrossARotation_EachOnce()
    {
        using var directory = new TempDirectory();
        var path = directory.File("fn.log");
        var lines = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        // The file does not exist yet when following starts.
        var following = LogFollower.FollowAsync(path, lines.Enqueue, stop.Token);

        await File.AppendAllTextAsync(path, "one\ntwo\n");
        await Poll.UntilAsync(() => lines.Count == 2);
        // A line whose end is not written yet is not passed on in pieces.
        await File.AppendAllTextAsync(path, "thr");
        await File.AppendAllTextAsync(path, "ee\n");
        await Poll.UntilAsync(() => lines.Count == 3);
        // As FunctionLog rotates: the last lines land in the old file, which moves to .1, then a new one starts.
        await File.AppendAllTextAsync(path, "four\n");
        File.Move(path, path + ".1", overwrite: true);
        await File.AppendAllTextAsync(path, "five\nsix\n");
        await Poll.UntilAsync(() => lines.Count >= 6);
        await File.AppendAllTextAsync(path, "seven\n");
        await Poll.UntilAsync(() => lines.Count >= 7);

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => following);
        Assert.Equal(["one", "two", "three", "four", "five", "six", "seven"], lines);
    }

    [Fact]
    public async Task Follow_OfAFileAlreadyWritten_StartsAtItsBeginning()
    {
        using var directory = new TempDirectory();
        var path = directory.File("fn.log");
        await File.WriteAllTextAsync(path, "START\nEND\n");
        var lines = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        var following = LogFollower.FollowAsync(path, lines.Enqueue, stop.Token);

        await Poll.UntilAsync(() => lines.Count == 2);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => following);
        Assert.Equal(["START", "END"], lines);
    }
}
