using System.Reflection;
using System.Runtime.Loader;

namespace Ember.Lambda.Managed;

/// <summary>
/// The function's assemblies, loaded from its code directory (through its .deps.json when it has one), apart
/// from the runtime's own: a function may bring any version of any library. Ember.Lambda alone is shared, so a
/// handler written against Ember.Lambda's <see cref="ILambdaContext"/> receives the runtime's context as it is.
/// </summary>
internal sealed class FunctionLoadContext : AssemblyLoadContext
{
    private static readonly string SharedAssembly = typeof(ILambdaContext).Assembly.GetName().Name!;

    private readonly string _codeDirectory;
    private readonly AssemblyDependencyResolver? _resolver;

    public FunctionLoadContext(string mainAssemblyPath)
        : base("function")
    {
        _codeDirectory = Path.GetDirectoryName(mainAssemblyPath)!;
        _resolver = File.Exists(Path.ChangeExtension(mainAssemblyPath, ".deps.json")) ? new AssemblyDependencyResolver(mainAssemblyPath) : null;
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (string.Equals(assemblyName.Name, SharedAssembly, StringComparison.Ordinal))
        {
            return null;
        }
        var path = _resolver?.ResolveAssemblyToPath(assemblyName);
        if (path is null)
        {
            var beside = Path.Combine(_codeDirectory, assemblyName.Name + ".dll");
            path = File.Exists(beside) ? beside : null;
        }
        // Null: the framework's copy, from the default context.
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver?.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
