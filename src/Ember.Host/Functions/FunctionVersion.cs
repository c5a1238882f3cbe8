using Ember.Host.Environments;

namespace Ember.Host.Functions;

/// <summary>A published version: an immutable snapshot of $LATEST with environments of its own.</summary>
internal sealed class FunctionVersion : IAsyncDisposable
{
    public FunctionVersion(string number, EnvironmentPool pool, DateTimeOffset lastModified, string revisionId)
    {
        Number = number;
        Pool = pool;
        LastModified = lastModified;
        RevisionId = revisionId;
    }

    public string Number { get; }
    public EnvironmentPool Pool { get; }
    public FunctionConfiguration Configuration => Pool.Settings.Configuration;
    public DateTimeOffset LastModified { get; }
    public string RevisionId { get; }

    public ValueTask DisposeAsync() => Pool.DisposeAsync();
}
