using Microsoft.Extensions.Logging;

namespace Ember.Host.Tests.Functional;

/// <summary>One event the host logged: its category, level, id and rendered message.</summary>
public sealed record HostEvent(string Category, LogLevel Level, int EventId, string Message);

/// <summary>A logger provider that keeps every host event (Debug and up) in memory, for tests to read.</summary>
public sealed class HostEvents : ILoggerProvider
{
    private readonly List<HostEvent> _events = [];

    public IReadOnlyList<HostEvent> All
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(HostEvents owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }
            lock (owner._events)
            {
                owner._events.Add(new HostEvent(category, logLevel, eventId.Id, formatter(state, exception)));
            }
        }
    }
}
