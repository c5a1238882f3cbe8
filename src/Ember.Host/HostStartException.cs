namespace Ember.Host;

/// <summary>The host could not start (its port is taken, its data directory is not writable, …).</summary>
internal sealed class HostStartException(string message, Exception? inner = null) : Exception(message, inner);
