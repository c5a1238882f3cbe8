using System.Globalization;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Ember.Host.Records;

/// <summary>
/// Keeps every invocation record in SQLite under the data dir, so tools can read them after the
/// host stops. Writes are batched by a background writer: an invocation never waits on the disk.
/// </summary>
internal sealed class InvocationStore : IAsyncDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS invocations (
            request_id TEXT PRIMARY KEY,
            function TEXT NOT NULL,
            version TEXT NOT NULL,
            cold_start INTEGER NOT NULL,
            init_duration_ms REAL,
            duration_ms REAL NOT NULL,
            billed_duration_ms INTEGER NOT NULL,
            memory_size_mb INTEGER NOT NULL,
            max_memory_used_mb INTEGER NOT NULL,
            outcome TEXT NOT NULL,
            error_type TEXT,
            started_at TEXT NOT NULL,
            ended_at TEXT NOT NULL,
            environment_id TEXT,
            init_resident_file_bytes INTEGER,
            init_resident_anon_bytes INTEGER
        );
        CREATE INDEX IF NOT EXISTS invocations_function ON invocations(function, started_at);
        """;

    private static readonly string[] s_parameters =
        ["$id", "$function", "$version", "$cold", "$init", "$duration", "$billed", "$memory", "$maxMemory", "$outcome", "$errorType", "$started", "$ended", "$environment", "$initFile", "$initAnon"];

    private static readonly TimeSpan s_batchWindow = TimeSpan.FromMilliseconds(20);

    private readonly string _connectionString;
    private readonly Channel<InvocationRecord> _pending = Channel.CreateUnbounded<InvocationRecord>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    private InvocationStore(string path)
    {
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
        using (var connection = Open())
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL;" + Schema;
            command.ExecuteNonQuery();
            // A data dir written by an older Ember lacks the columns added since; they are added, empty.
            SqliteSchema.AddMissingColumns(connection, "invocations", ("init_resident_file_bytes", "INTEGER"), ("init_resident_anon_bytes", "INTEGER"));
        }
        _writer = WriteLoopAsync();
    }

    public string Path { get; }

    /// <summary>The background writer: it ends when the store is disposed, or fails (then records are lost).</summary>
    internal Task Writing => _writer;

    public static InvocationStore Open(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        return new InvocationStore(System.IO.Path.Combine(dataDirectory, "invocations.db"));
    }

    public void Add(InvocationRecord record) => _pending.Writer.TryWrite(record);

    private readonly Lock _gate = new();

    public IReadOnlyList<InvocationRecord> Query(string? function = null, int limit = 1000) =>
        Select(function is null ? "" : " WHERE function = $function", ("$function", function), limit);

    /// <summary>The record of one invocation, or null when it is not (yet) on disk.</summary>
    public InvocationRecord? Find(string requestId) =>
        Select(" WHERE request_id = $id", ("$id", requestId), 1).FirstOrDefault();

    private List<InvocationRecord> Select(string where, (string Name, string? Value) parameter, int limit)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT request_id, function, version, cold_start, init_duration_ms, duration_ms, billed_duration_ms, memory_size_mb, max_memory_used_mb, outcome, error_type, started_at, ended_at, environment_id, init_resident_file_bytes, init_resident_anon_bytes FROM invocations"
            + where + " ORDER BY started_at LIMIT $limit";
        if (parameter.Value is not null)
        {
            command.Parameters.AddWithValue(parameter.Name, parameter.Value);
        }
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        var records = new List<InvocationRecord>();
        while (reader.Read())
        {
            records.Add(new InvocationRecord
            {
                RequestId = reader.GetString(0),
                Function = reader.GetString(1),
                Version = reader.GetString(2),
                ColdStart = reader.GetInt64(3) != 0,
                InitDurationMs = reader.IsDBNull(4) ? null : reader.GetDouble(4),
                DurationMs = reader.GetDouble(5),
                BilledDurationMs = reader.GetInt64(6),
                MemorySizeMb = reader.GetInt32(7),
                MaxMemoryUsedMb = reader.GetInt64(8),
                Outcome = reader.GetString(9),
                ErrorType = reader.IsDBNull(10) ? null : reader.GetString(10),
                StartedAt = DateTimeOffset.Parse(reader.GetString(11), CultureInfo.InvariantCulture),
                EndedAt = DateTimeOffset.Parse(reader.GetString(12), CultureInfo.InvariantCulture),
                EnvironmentId = reader.IsDBNull(13) ? null : reader.GetString(13),
                InitResidentFileBytes = reader.IsDBNull(14) ? null : reader.GetInt64(14),
                InitResidentAnonymousBytes = reader.IsDBNull(15) ? null : reader.GetInt64(15),
            });
        }
        return records;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout=5000;";
        command.ExecuteNonQuery();
        return connection;
    }

    private async Task WriteLoopAsync()
    {
        await Task.Yield();
        using var connection = Open();
        using (var pragma = connection.CreateCommand())
        {
            // WAL with synchronous=NORMAL: no fsync per commit (a crash can lose the last records,
            // never corrupt the file); an fsync per invocation cost more CPU than the invocation.
            pragma.CommandText = "PRAGMA synchronous=NORMAL;";
            pragma.ExecuteNonQuery();
        }
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT OR REPLACE INTO invocations VALUES ($id, $function, $version, $cold, $init, $duration, $billed, $memory, $maxMemory, $outcome, $errorType, $started, $ended, $environment, $initFile, $initAnon)
            """;
        foreach (var name in s_parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
        command.Prepare();
        var values = new object?[s_parameters.Length];
        var reader = _pending.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            // Gather what arrives in the next few milliseconds into one transaction: a commit per
            // invocation was nine writes per invocation under load.
            await Task.Delay(s_batchWindow).ConfigureAwait(false);
            var written = new List<InvocationRecord>();
            lock (_gate)
            {
                using var transaction = connection.BeginTransaction();
                command.Transaction = transaction;
                while (reader.TryRead(out var r))
                {
                    written.Add(r);
                    values[0] = r.RequestId;
                    values[1] = r.Function;
                    values[2] = r.Version;
                    values[3] = r.ColdStart ? 1 : 0;
                    values[4] = r.InitDurationMs;
                    values[5] = r.DurationMs;
                    values[6] = r.BilledDurationMs;
                    values[7] = r.MemorySizeMb;
                    values[8] = r.MaxMemoryUsedMb;
                    values[9] = r.Outcome;
                    values[10] = r.ErrorType;
                    values[11] = r.StartedAt.ToString("O", CultureInfo.InvariantCulture);
                    values[12] = r.EndedAt.ToString("O", CultureInfo.InvariantCulture);
                    values[13] = r.EnvironmentId;
                    values[14] = r.InitResidentFileBytes;
                    values[15] = r.InitResidentAnonymousBytes;
                    for (var i = 0; i < values.Length; i++)
                    {
                        command.Parameters[i].Value = values[i] ?? DBNull.Value;
                    }
                    command.ExecuteNonQuery();
                }
                transaction.Commit();
            }
            foreach (var record in written)
            {
                if (_waiters.TryRemove(record.RequestId, out var waiter))
                {
                    waiter.TrySetResult(record);
                }
            }
        }
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource<InvocationRecord>> _waiters = new(StringComparer.Ordinal);

    /// <summary>
    /// The record of <paramref name="requestId"/> once it is on disk (records are written just after
    /// the response, off the request path); null when it is not there within <paramref name="timeout"/>.
    /// </summary>
    public async Task<InvocationRecord?> WhenWrittenAsync(string requestId, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var waiter = _waiters.GetOrAdd(requestId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            // Registered first, then looked up: a record written in between is found either way.
            if (Find(requestId) is { } written)
            {
                return written;
            }
            return await waiter.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return null;
        }
        finally
        {
            _waiters.TryRemove(KeyValuePair.Create(requestId, waiter));
        }
    }

    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }
}
