namespace Ember.Lab.Runner;

/// <summary>
/// A target whose versions can be given provisioned concurrency (<c>--provisioned N</c>), and invoked
/// through the Invoke API with a qualifier, so that the first request after an on-demand cold start
/// and the first on a provisioned environment go the same way and can be set side by side.
/// </summary>
internal interface IProvisionableTarget
{
    /// <summary>The Invoke API's URL for $LATEST (<paramref name="qualifier"/> null) or a version.</summary>
    Uri InvokeUrl(string? qualifier);

    /// <summary>The event the Invoke API is given for a request body (for a Function URL function, the Function URL event around it).</summary>
    ReadOnlyMemory<byte> InvokePayload(ReadOnlyMemory<byte> body);

    /// <summary>Publishes a version of the current configuration, as PublishVersion does; its number.</summary>
    Task<string> PublishAsync(CancellationToken cancellationToken);

    /// <summary>Gives a version <paramref name="environments"/> provisioned environments and returns once they are all initialised (READY).</summary>
    Task ProvisionAsync(string version, int environments, CancellationToken cancellationToken);

    /// <summary>Removes the version's provisioned concurrency; its environments are retired.</summary>
    Task UnprovisionAsync(string version, CancellationToken cancellationToken);
}
