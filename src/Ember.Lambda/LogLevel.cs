namespace Ember.Lambda;

/// <summary>How severe a log line is, with Amazon.Lambda.Core's names and order.</summary>
public enum LogLevel
{
    /// <summary>The finest detail.</summary>
    Trace = 0,
    /// <summary>Detail for debugging.</summary>
    Debug = 1,
    /// <summary>The normal course of things (the default level).</summary>
    Information = 2,
    /// <summary>Something unexpected the function handled.</summary>
    Warning = 3,
    /// <summary>A failure of the current operation.</summary>
    Error = 4,
    /// <summary>A failure that needs attention at once.</summary>
    Critical = 5,
}
