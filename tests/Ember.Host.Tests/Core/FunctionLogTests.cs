using Ember.Host.Logs;

namespace Ember.Host.Tests.Core;

/// <summary>A function's log file on disk: every line kept, rotated once it is large.</summary>
public sealed class FunctionLogTests : IDisposable
{
    private readonly TempDirectory _temp = new("ember-log-");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Write_PastTheFileLimit_RotatesToDotOneAndKeepsWriting()
    {
        // Given a log rotated at 1 KB
        var log = new FunctionLog("chatty", _temp.Path, echo: null, maxFileBytes: 1024);

        // When 100 lines of 100 bytes are written, in batches the writer flushes one at a time
        for (var i = 0; i < 100; i++)
        {
            log.Write(i.ToString("D3") + new string('x', 96));
            if (i % 10 == 9)
            {
                var expected = i;
                await Poll.UntilAsync(() => (ReadShared(_temp.File("chatty.log")) + ReadShared(_temp.File("chatty.log.1")))
                    .Contains(expected.ToString("D3") + "x", StringComparison.Ordinal));
            }
        }
        await log.DisposeAsync();

        // Then the current file and the previous one hold the newest lines, and neither grew far past the limit
        var current = File.ReadAllLines(_temp.File("chatty.log"));
        var previous = File.ReadAllLines(_temp.File("chatty.log.1"));
        Assert.StartsWith("099", current[^1]);
        Assert.InRange(new FileInfo(_temp.File("chatty.log")).Length, 1, 1024 + 1000);
        Assert.InRange(new FileInfo(_temp.File("chatty.log.1")).Length, 1024, 1024 + 1000);
        Assert.Equal(int.Parse(previous[^1][..3]) + 1, int.Parse(current[0][..3]));
    }

    [Fact]
    public async Task Echo_AFlood_ShowsTheFirstThousandASecondAndSaysHowManyMore_TheFileKeepsAll()
    {
        // Given a function's log echoed to the console
        var echoed = new List<string>();
        var log = new FunctionLog("flood", _temp.Path, (_, line) => { lock (echoed) { echoed.Add(line); } });

        // When it prints 5,000 lines at once
        for (var i = 0; i < 5000; i++)
        {
            log.Write("line " + i);
        }
        await log.DisposeAsync();

        // Then the console saw at least a second's budget of them, and lines saying how many it did not
        var shown = echoed.Count(l => l.StartsWith("line ", StringComparison.Ordinal));
        var notShown = echoed.Where(l => l.StartsWith("[ember] ", StringComparison.Ordinal))
            .Sum(l => long.Parse(l.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(shown, FunctionLog.EchoedLinesPerSecond, 5000);
        Assert.Equal(5000, shown + notShown);
        Assert.Equal(5000, File.ReadAllLines(_temp.File("flood.log")).Length);
    }

    private static string ReadShared(string path)
    {
        if (!File.Exists(path))
        {
            return "";
        }
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return new StreamReader(stream).ReadToEnd();
    }
}
