using Ember.Host.Environments;
using Ember.Host.Records;
using Microsoft.Data.Sqlite;

namespace Ember.Host.Tests.Records;

/// <summary>The record store: written off the request path, waited for without polling.</summary>
public sealed class InvocationStoreTests
{
    private static InvocationRecord Record(string requestId) => new()
    {
        Function = "f",
        Version = "$LATEST",
        RequestId = requestId,
        ColdStart = false,
        DurationMs = 1.5,
        BilledDurationMs = 2,
        MemorySizeMb = 128,
        MaxMemoryUsedMb = 10,
        Outcome = "success",
        StartedAt = DateTimeOffset.UtcNow,
        EndedAt = DateTimeOffset.UtcNow,
    };

    [Fact]
    public async Task WhenWritten_WaitedBeforeOrAfterTheWrite_ReturnsTheRecord()
    {
        using var directory = new TempDirectory("ember-records-");
        await using var store = InvocationStore.Open(directory.Path);

        var before = store.WhenWrittenAsync("a", TimeSpan.FromSeconds(30));
        store.Add(Record("a"));
        store.Add(Record("b"));

        Assert.Equal("a", (await before)!.RequestId);
        Assert.Equal("b", (await store.WhenWrittenAsync("b", TimeSpan.FromSeconds(30)))!.RequestId);
    }

    [Fact]
    public async Task WhenWritten_NeverWritten_IsNullAfterTheTimeout()
    {
        using var directory = new TempDirectory("ember-records-");
        await using var store = InvocationStore.Open(directory.Path);

        Assert.Null(await store.WhenWrittenAsync("missing", TimeSpan.FromMilliseconds(50)));
    }

    [Fact]
    public async Task Open_DataDirOfAnOlderEmber_AddsTheNewColumnsAndKeepsTheOldRecords()
    {
        // Given a data dir whose invocations table predates the init residency columns
        using var directory = new TempDirectory("ember-records-");
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(directory.Path, "invocations.db")};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE invocations (request_id TEXT PRIMARY KEY, function TEXT NOT NULL, version TEXT NOT NULL, cold_start INTEGER NOT NULL,
                    init_duration_ms REAL, duration_ms REAL NOT NULL, billed_duration_ms INTEGER NOT NULL, memory_size_mb INTEGER NOT NULL,
                    max_memory_used_mb INTEGER NOT NULL, outcome TEXT NOT NULL, error_type TEXT, started_at TEXT NOT NULL, ended_at TEXT NOT NULL, environment_id TEXT);
                INSERT INTO invocations VALUES ('old', 'f', '$LATEST', 1, 12.5, 1.5, 15, 128, 10, 'success', NULL, '2026-01-01T00:00:00.0000000+00:00', '2026-01-01T00:00:00.0000000+00:00', NULL);
                """;
            command.ExecuteNonQuery();
        }

        // When this Ember opens it and writes a cold start's record
        await using var store = InvocationStore.Open(directory.Path);
        store.Add(Record("new") with { ColdStart = true, InitDurationMs = 3, InitResidentFileBytes = 4_096_000, InitResidentAnonymousBytes = 1_024_000 });
        var written = await store.WhenWrittenAsync("new", TimeSpan.FromSeconds(30));

        // Then the old record reads back without the new figures, and the new one with them
        var old = store.Find("old")!;
        Assert.Equal(12.5, old.InitDurationMs);
        Assert.Null(old.InitResidentFileBytes);
        Assert.Equal(4_096_000, written!.InitResidentFileBytes);
        Assert.Equal(1_024_000, written.InitResidentAnonymousBytes);
    }

    [Fact]
    public void ResidentMemory_ProcStatus_SumsFileAndSharedMemoryApartFromAnonymous()
    {
        var status = "Name:\tpython3\nVmRSS:\t   10240 kB\nRssAnon:\t    2048 kB\nRssFile:\t    8000 kB\nRssShmem:\t     192 kB\nThreads:\t1\n";

        var (file, anonymous) = ResidentMemory.FromStatus(status);

        Assert.Equal(8192L * 1024, file);
        Assert.Equal(2048L * 1024, anonymous);
    }

    [Fact]
    public void ResidentMemory_ThisProcess_HoldsFilesAndHeap()
    {
        var resident = ResidentMemory.Of([Environment.ProcessId, int.MaxValue]);

        Assert.True(resident.FileBytes > 0);
        Assert.True(resident.AnonymousBytes > 0);
    }
}
