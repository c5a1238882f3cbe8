using Ember.Lambda;
using Ember.Lambda.Managed;

// Ember's managed .NET runtime: _HANDLER names the class library's method (Assembly::Type::Method), the code is in
// LAMBDA_TASK_ROOT. Loading it is the init phase; a failure there is reported to /runtime/init/error.
var handler = Environment.GetEnvironmentVariable("_HANDLER");
var codeDirectory = Environment.GetEnvironmentVariable("LAMBDA_TASK_ROOT") ?? Environment.CurrentDirectory;
await LambdaBootstrap.RunStreamAsync(_ =>
{
    var loaded = ClassLibraryHandler.Load(HandlerName.Parse(handler), codeDirectory);
    return Task.FromResult<LambdaStreamHandler>(loaded.InvokeAsync);
});
