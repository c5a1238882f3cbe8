namespace Ember.Host.Invocations;

/// <summary>One asynchronous invocation as the event queue keeps it, from its 202 to its final outcome.</summary>
internal sealed record StoredEvent
{
    /// <summary>The id of the 202, the function's context, every attempt's REPORT and the records.</summary>
    public required string RequestId { get; init; }
    public required string Function { get; init; }
    public string? Qualifier { get; init; }
    public required byte[] Payload { get; init; }
    public string? ClientContext { get; init; }
    public required DateTimeOffset AcceptedAt { get; init; }

    /// <summary>One of <see cref="EventStates"/>.</summary>
    public required string State { get; init; }

    /// <summary>Attempts that ran the function (Lambda's approximateInvokeCount).</summary>
    public int Attempts { get; init; }

    /// <summary>Times the event was throttled and put back.</summary>
    public int Throttles { get; init; }

    /// <summary>When a retry is due.</summary>
    public DateTimeOffset? NextAt { get; init; }

    /// <summary>Times the event was run again because the host stopped during an attempt.</summary>
    public int Redeliveries { get; init; }

    /// <summary>How it ended, or why it is being retried: Success, or the error type.</summary>
    public string? Outcome { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>How many destination deliveries led to this event (0 for one a caller sent).</summary>
    public int Depth { get; init; }
}

/// <summary>The states of an event in the queue.</summary>
internal static class EventStates
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Retrying = "retrying";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}
