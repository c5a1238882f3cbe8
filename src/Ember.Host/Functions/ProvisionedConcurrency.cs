namespace Ember.Host.Functions;

/// <summary>A provisioned-concurrency setting on a version or alias, and when it was made.</summary>
internal sealed record ProvisionedConcurrency(string Qualifier, string Version, int Requested, DateTimeOffset LastModified);
