using System.Collections.Concurrent;
using System.IO.Pipes;
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

    [Fact]
    public async Task Drain_ReturnsOnlyOnceEverythingWrittenIsPassedOn()
    {
        using var server = new AnonymousPipeServerStream(PipeDirection.In);
        using var client = new AnonymousPipeClientStream(PipeDirection.Out, server.ClientSafePipeHandle);
        var lines = new ConcurrentQueue<string>();
        // A slow consumer, so the pipe holds lines when the drain starts.
        var pump = new ProcessOutputPump(server, line => { Thread.SpinWait(20_000); lines.Enqueue(line); });
        var output = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 2_000).Select(i => $"line {i}\n")));
        client.Write(output);
        client.Flush();

        await pump.DrainAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(2_000, lines.Count);
        Assert.Equal("line 1999", lines.Last());
    }

    [Fact]
    public async Task Drain_WithNothingWritten_ReturnsAtOnceAndAfterTheEndToo()
    {
        using var server = new AnonymousPipeServerStream(PipeDirection.In);
        var client = new AnonymousPipeClientStream(PipeDirection.Out, server.ClientSafePipeHandle);
        var pump = new ProcessOutputPump(server, _ => { });

        await pump.DrainAsync(TimeSpan.FromMinutes(1)).AsTask().WaitAsync(TimeSpan.FromMinutes(1));
        client.Dispose();
        server.DisposeLocalCopyOfClientHandle();
        await pump.Completion.WaitAsync(TimeSpan.FromMinutes(1));
        await pump.DrainAsync(TimeSpan.FromMinutes(1)).AsTask().WaitAsync(TimeSpan.FromMinutes(1));
    }
}
