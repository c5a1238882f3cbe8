namespace Ember.Host.Build;

/// <summary>Where the built function is and how it was obtained.</summary>
/// <param name="ArtifactDir">The directory to run the function from (holds <c>bootstrap</c> for custom runtimes).</param>
/// <param name="FromCache">True when an earlier build of the same sources was reused.</param>
/// <param name="Elapsed">Time spent in this call, including the cache look-up.</param>
internal sealed record BuildResult(string ArtifactDir, bool FromCache, TimeSpan Elapsed);
