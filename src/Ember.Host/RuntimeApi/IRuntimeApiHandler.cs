namespace Ember.Host.RuntimeApi;

/// <summary>Answers the Runtime API requests of one execution environment.</summary>
internal interface IRuntimeApiHandler
{
    /// <summary>
    /// Handles one request. <paramref name="connectionClosed"/> fires when the function process
    /// drops the connection, so a long-poll for the next invocation gives up without losing it.
    /// </summary>
    ValueTask<RuntimeApiResponse> HandleAsync(RuntimeApiRequest request, CancellationToken connectionClosed);
}
