using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Ember.Host.Functions;

/// <summary>The functions of the host, by name.</summary>
internal sealed class FunctionRegistry
{
    private readonly ConcurrentDictionary<string, LambdaFunction> _functions = new(StringComparer.Ordinal);

    public IReadOnlyList<LambdaFunction> All => [.. _functions.Values.OrderBy(f => f.Name, StringComparer.Ordinal)];

    public bool TryAdd(LambdaFunction function) => _functions.TryAdd(function.Name, function);

    public bool TryGet(string name, [NotNullWhen(true)] out LambdaFunction? function) => _functions.TryGetValue(name, out function);

    public bool TryRemove(string name, [NotNullWhen(true)] out LambdaFunction? function) => _functions.TryRemove(name, out function);
}
