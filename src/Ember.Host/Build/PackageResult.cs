namespace Ember.Host.Build;

/// <summary>A written deployment package.</summary>
internal sealed record PackageResult(string ZipPath, long ZipBytes, long BootstrapBytes, BuildResult Build);
