using System.Globalization;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Ember.Host.Invocations;

/// <summary>
/// The durable side of asynchronous invocations: every accepted event in <c>events.db</c> under the data dir
/// (SQLite, WAL), written before the caller gets its 202 and marked with its final outcome only once that
/// outcome is known. After a crash, every event not yet finished is still there to run again (at-least-once,
/// as Lambda's event queue). Enqueues that arrive together share one transaction; state changes after the
/// first write are batched off the invocation's path (losing one in a crash only means one more delivery).
/// </summary>
internal sealed class EventStore : IAsyncDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS events (
            request_id TEXT PRIMARY KEY,
            function TEXT NOT NULL,
            qualifier TEXT,
            payload BLOB NOT NULL,
            client_context TEXT,
            accepted_at TEXT NOT NULL,
            state TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            throttles INTEGER NOT NULL,
            next_at TEXT,
            redeliveries INTEGER NOT NULL,
            outcome TEXT,
            finished_at TEXT,
            depth INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX IF NOT EXISTS events_state ON events(state, accepted_at);
        """;

    private static readonly TimeSpan s_batchWindow = TimeSpan.FromMilliseconds(5);

    private readonly string _connectionString;
    private readonly Channel<Write> _writes = Channel.CreateUnbounded<Write>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    private EventStore(string path)
    {
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
        using (var connection = Open())
        using (var command = connection.CreateCommand())
        {
            // WAL with synchronous=NORMAL: a committed transaction survives the process being killed.
            command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;" + Schema;
            command.ExecuteNonQuery();
            // An events.db of an earlier build lacks the chain depth; it is added (0 for the events already there).
            Records.SqliteSchema.AddMissingColumns(connection, "events", ("depth", "INTEGER NOT NULL DEFAULT 0"));
        }
        _writer = Task.Run(WriteLoopAsync);
    }

    public string Path { get; }

    /// <summary>The background writer: it ends when the store is disposed, or fails.</summary>
    internal Task Writing => _writer;

    public static EventStore Open(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        return new EventStore(System.IO.Path.Combine(dataDirectory, "events.db"));
    }

    /// <summary>Completes once the event is on disk (in a transaction with whatever else arrived at the same moment).</summary>
    public Task AddAsync(StoredEvent stored)
    {
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_writes.Writer.TryWrite(new Write(stored, written)))
        {
            written.SetException(new ObjectDisposedException(nameof(EventStore), "The event store is closed: the host is stopping."));
        }
        return written.Task;
    }

    /// <summary>Records the event's progress (a new attempt, a retry scheduled, its final outcome), off the caller's path.</summary>
    public void Update(StoredEvent stored) => _writes.Writer.TryWrite(new Write(stored, null));

    /// <summary>Waits until every update given so far is on disk (for tests and an orderly stop).</summary>
    public Task FlushAsync()
    {
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_writes.Writer.TryWrite(new Write(null, written)))
        {
            written.SetResult();
        }
        return written.Task;
    }

    /// <summary>Every event not finished, oldest first: what a starting host runs (again).</summary>
    public IReadOnlyList<StoredEvent> Unfinished() => Select($"WHERE state IN ('{EventStates.Queued}', '{EventStates.Running}', '{EventStates.Retrying}') ORDER BY accepted_at");

    /// <summary>The events of one function, or of all, newest first, up to <paramref name="limit"/>.</summary>
    public IReadOnlyList<StoredEvent> List(string? function, int limit = 1000) =>
        Select((function is null ? string.Empty : "WHERE function = $function ") + "ORDER BY accepted_at DESC LIMIT " + limit.ToString(CultureInfo.InvariantCulture), function);

    /// <summary>Forgets finished events older than <paramref name="age"/>.</summary>
    public void Prune(TimeSpan age)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"DELETE FROM events WHERE state IN ('{EventStates.Succeeded}', '{EventStates.Failed}') AND finished_at < $before";
        command.Parameters.AddWithValue("$before", Time(DateTimeOffset.UtcNow - age));
        command.ExecuteNonQuery();
    }

    private List<StoredEvent> Select(string where, string? function = null)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT request_id, function, qualifier, payload, client_context, accepted_at, state, attempts, throttles, next_at, redeliveries, outcome, finished_at, depth FROM events " + where;
        if (function is not null)
        {
            command.Parameters.AddWithValue("$function", function);
        }
        using var reader = command.ExecuteReader();
        var events = new List<StoredEvent>();
        while (reader.Read())
        {
            events.Add(new StoredEvent
            {
                RequestId = reader.GetString(0),
                Function = reader.GetString(1),
                Qualifier = reader.IsDBNull(2) ? null : reader.GetString(2),
                Payload = (byte[])reader.GetValue(3),
                ClientContext = reader.IsDBNull(4) ? null : reader.GetString(4),
                AcceptedAt = ParseTime(reader.GetString(5)),
                State = reader.GetString(6),
                Attempts = reader.GetInt32(7),
                Throttles = reader.GetInt32(8),
                NextAt = reader.IsDBNull(9) ? null : ParseTime(reader.GetString(9)),
                Redeliveries = reader.GetInt32(10),
                Outcome = reader.IsDBNull(11) ? null : reader.GetString(11),
                FinishedAt = reader.IsDBNull(12) ? null : ParseTime(reader.GetString(12)),
                Depth = reader.GetInt32(13),
            });
        }
        return events;
    }

    private async Task WriteLoopAsync()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO events VALUES ($id, $function, $qualifier, $payload, $context, $accepted, $state, $attempts, $throttles, $next, $redeliveries, $outcome, $finished, $depth)
            ON CONFLICT(request_id) DO UPDATE SET state = $state, attempts = $attempts, throttles = $throttles, next_at = $next,
                redeliveries = $redeliveries, outcome = $outcome, finished_at = $finished
            """;
        string[] names = ["$id", "$function", "$qualifier", "$payload", "$context", "$accepted", "$state", "$attempts", "$throttles", "$next", "$redeliveries", "$outcome", "$finished", "$depth"];
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
        command.Prepare();
        var reader = _writes.Reader;
        var batch = new List<Write>();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            await Task.Delay(s_batchWindow).ConfigureAwait(false);
            batch.Clear();
            while (reader.TryRead(out var write))
            {
                batch.Add(write);
            }
            try
            {
                using var transaction = connection.BeginTransaction();
                command.Transaction = transaction;
                foreach (var write in batch)
                {
                    if (write.Event is not { } e)
                    {
                        continue;
                    }
                    object?[] values = [e.RequestId, e.Function, e.Qualifier, e.Payload, e.ClientContext, Time(e.AcceptedAt), e.State, e.Attempts, e.Throttles,
                        e.NextAt is { } next ? Time(next) : null, e.Redeliveries, e.Outcome, e.FinishedAt is { } finished ? Time(finished) : null, e.Depth];
                    for (var i = 0; i < values.Length; i++)
                    {
                        command.Parameters[i].Value = values[i] ?? DBNull.Value;
                    }
                    command.ExecuteNonQuery();
                }
                transaction.Commit();
                foreach (var write in batch)
                {
                    write.Written?.TrySetResult();
                }
            }
            catch (SqliteException e)
            {
                foreach (var write in batch)
                {
                    write.Written?.TrySetException(new IOException($"could not write the event queue {Path}: {e.Message}", e));
                }
            }
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public async ValueTask DisposeAsync()
    {
        _writes.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    private sealed record Write(StoredEvent? Event, TaskCompletionSource? Written);
}
