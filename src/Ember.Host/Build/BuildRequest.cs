namespace Ember.Host.Build;

/// <summary>
/// One template function whose code must be built before it can run, as <c>sam build</c> would.
/// </summary>
/// <param name="FunctionName">The template's logical id (also the make target suffix: <c>build-{FunctionName}</c>).</param>
/// <param name="SourceDir">The function's CodeUri, resolved to an absolute directory.</param>
/// <param name="BuildMethod">From <c>Metadata: BuildMethod</c>: <c>go1.x</c>, <c>dotnet…</c> or <c>makefile</c>.</param>
/// <param name="Runtime">The function's Runtime, for example <c>provided.al2023</c>.</param>
/// <param name="Architecture"><c>x86_64</c> or <c>arm64</c>, from Architectures.</param>
/// <param name="BuildProperties">From <c>Metadata: BuildProperties</c>; <c>Flavor: jit</c> asks for the framework-dependent .NET build.</param>
internal sealed record BuildRequest(
    string FunctionName,
    string SourceDir,
    string BuildMethod,
    string Runtime,
    string Architecture,
    IReadOnlyDictionary<string, string> BuildProperties);
