using Ember.Host.Templates;

namespace Ember.Host.Runtimes;

/// <summary>
/// Whether a function's code can start at all, checked before any environment is made: a custom
/// runtime needs an executable bootstrap, a Python handler a module that exists. Used for template
/// functions at load and for code the control plane receives.
/// </summary>
internal static class StartCheck
{
    /// <summary>What stops the code from starting, saying how to fix it; null when nothing does.</summary>
    public static string? Problem(string runtime, string handler, string codeDirectory)
    {
        if (RuntimeNames.IsProvided(runtime))
        {
            var bootstrap = Path.Combine(codeDirectory, "bootstrap");
            if (!File.Exists(bootstrap))
            {
                return $"{runtime} needs an executable named bootstrap at the root of the code; {bootstrap} does not exist.";
            }
            return (File.GetUnixFileMode(bootstrap) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) == 0
                ? $"{bootstrap} is not executable; run chmod +x on it (and keep the execute bit when zipping)."
                : null;
        }
        if (RuntimeNames.IsDotnet(runtime))
        {
            return DotnetProblem(runtime, handler, codeDirectory);
        }
        var dot = handler.LastIndexOf('.');
        if (dot <= 0)
        {
            return $"Handler '{handler}' is not of the form module.function (for example app.handler).";
        }
        var module = handler[..dot].Replace('.', '/');
        return File.Exists(Path.Combine(codeDirectory, module + ".py")) || File.Exists(Path.Combine(codeDirectory, module, "__init__.py"))
            ? null
            : $"Handler '{handler}' names module {module}.py, which is not in {codeDirectory}.";
    }

    /// <summary>
    /// A managed .NET handler is a class library's <c>Assembly::Namespace.Type::Method</c> or an executable assembly's
    /// name; either way its assembly must be in the code.
    /// </summary>
    private static string? DotnetProblem(string runtime, string handler, string codeDirectory)
    {
        if (DotnetHandler.Parse(handler) is not { } parsed)
        {
            return $"Handler '{handler}' is not of the form Assembly::Namespace.Type::Method (a class library) or Assembly (an executable assembly), as {runtime} needs.";
        }
        var assembly = parsed.AssemblyPath(codeDirectory);
        if (!File.Exists(assembly))
        {
            return $"Handler '{handler}' names assembly {parsed.Assembly}, and {assembly} does not exist; publish the project (dotnet publish) and deploy its output.";
        }
        return !parsed.IsClassLibrary && !File.Exists(Path.ChangeExtension(assembly, ".runtimeconfig.json"))
            ? $"Handler '{handler}' names an executable assembly, and {Path.ChangeExtension(assembly, ".runtimeconfig.json")} does not exist; " +
              "an executable's publish output has one (for a class library, name the method: Assembly::Namespace.Type::Method)."
            : null;
    }
}
