namespace Ember.Host.Functions;

/// <summary>
/// When a function's runtime version changes (PutRuntimeManagementConfig): <c>Auto</c> (Lambda's default),
/// <c>FunctionUpdate</c>, or <c>Manual</c> pinned to <see cref="RuntimeVersionArn"/>. Ember's runtimes have one
/// version each, so the setting changes nothing here; it is kept and answered as Lambda answers it.
/// </summary>
internal sealed record RuntimeManagementConfig(string UpdateRuntimeOn, string? RuntimeVersionArn);
