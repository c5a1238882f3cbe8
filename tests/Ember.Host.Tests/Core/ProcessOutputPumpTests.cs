using System.Collections.Concurrent;
using System.Text;
using Ember.Host.Environments;

namespace Ember.Host.Tests.Core;

/// <summary>A function's output, line by line, with Lambda's 256 KB limit on one log event.</summary>
public sealed class ProcessOutputPumpTests
{
    private static async Task<List<string>> LinesOf(string output, int maxLineBytes = ProcessOutputPump.MaxLineBytes)
    {
        var lines = new ConcurrentQueue<string>();
        var pump = new ProcessOutputPump(new MemoryStream(Encoding.UTF8.GetBytes(output)), lines.Enqueue, maxLineBytes);
        await pump.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        return [.. lines];
    }

    [Fact]
    public async Task Lines_EndedByNewlineOrCrLfOrTheEnd_ArePassedOnWithoutTheirEnding()
    {
        Assert.Equal(["one", "two", "three"], await LinesOf("one\ntwo\r\nthree"));
    }

    [Fact]
    public async Task Line_Over256KB_IsCutThereAndTheNextLineIsWhole()
    {
        var lines = await LinesOf("short\n" + new string('x', 300_000) + "\nafter\n");

        Assert.Equal(3, lines.Count);
        Assert.Equal("short", lines[0]);
        Assert.Equal(new string('x', 256 * 1024), lines[1]);
        Assert.Equal("after", lines[2]);
    }

    [Fact]
    public async Task Line_CutInsideMultiByteCharacters_KeepsWholeCharactersWithinTheLimit()
    {
        // é is 2 bytes and 😀 is 4 (a surrogate pair): with 5 bytes allowed, "é😀" does not fit, "éé" does.
        Assert.Equal(["é", "éé"], await LinesOf("é😀\nééé\n", maxLineBytes: 5));
    }
}
