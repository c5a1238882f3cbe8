using System.Buffers;
using Ember.Host.Environments.Isolation;

namespace Ember.Host.Tests.Isolation;

public sealed class KernelFileTests
{
    [Fact]
    public void Read_AgainFromTheStart_SeesTheFileAsItIsNow()
    {
        using var directory = new TempDirectory();
        var path = directory.File("number");
        File.WriteAllText(path, "41\n");
        using var file = KernelFile.TryOpen(path)!;

        var first = file.ReadNumber();
        File.WriteAllText(path, "1234567\n");
        var second = file.ReadNumber();

        Assert.Equal(41, first);
        Assert.Equal(1234567, second);
    }

    [Fact]
    public void ReadNumbers_OnePerLine_AcrossMoreThanOneBuffer()
    {
        using var directory = new TempDirectory();
        var path = directory.File("cgroup.procs");
        var pids = Enumerable.Range(100_000, 2000).ToList();
        File.WriteAllText(path, string.Join('\n', pids) + "\n");
        using var file = KernelFile.TryOpen(path)!;
        var read = new List<int>();

        file.ReadNumbers(read);

        Assert.Equal(pids, read);
    }

    [Fact]
    public void ProcessStatus_OfThisProcess_MatchesProcFs()
    {
        using var statuses = new ProcessStatusFiles();
        var pid = Environment.ProcessId;

        var resident = statuses.ResidentBytes([pid]);

        Assert.True(resident > 0);
        Assert.Equal(ProcFs.StatusKilobytes(pid, "VmHWM") > 0, resident > 0);
        Assert.Equal(0, statuses.ResidentBytes([int.MaxValue - 1]));
        Assert.Null(KernelFile.TryOpen("/proc/does-not-exist/status"));
    }

    [Fact]
    public void Read_OneRecordLargerThanTheFirstBuffer_IsReadWhole()
    {
        using var directory = new TempDirectory();
        var path = directory.File("big");
        File.WriteAllText(path, new string('x', 10_000));
        using var file = KernelFile.TryOpen(path)!;

        var (buffer, length) = file.Read(ArrayPool<byte>.Shared, oneRecord: true);
        ArrayPool<byte>.Shared.Return(buffer);

        Assert.Equal(10_000, length);
    }

    [Fact]
    public void ResidentBytes_NotExact_IsTheResidentSetNowFromStatm()
    {
        using var statuses = new ProcessStatusFiles();
        var pid = Environment.ProcessId;

        var now = statuses.ResidentBytes([pid], exact: false);
        var rss = ProcFs.StatusKilobytes(pid, "VmRSS");

        // The process's resident set moves a little between the two reads.
        Assert.InRange(now, rss / 2, rss * 2);
        Assert.Equal(3, ProcessStatusFiles.StatmResidentPages("12 3 2 1 0 5 0\n"u8));
    }

    [Fact]
    public void StatusField_ReadsKilobytesAsBytes()
    {
        var text = "Name:\tx\nVmHWM:\t    2048 kB\nVmRSS:\t 1024 kB\n"u8;

        Assert.Equal(2048 * 1024, KernelFile.StatusField(text, "VmHWM"u8));
        Assert.Equal(1024 * 1024, KernelFile.StatusField(text, "VmRSS"u8));
        Assert.Equal(0, KernelFile.StatusField(text, "RssFile"u8));
    }
}
