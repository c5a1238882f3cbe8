using System.Collections.Concurrent;
using System.Reflection;

namespace Ember.Lambda.Managed;

/// <summary>
/// Makes an object of Ember.Lambda's interfaces (the context, its logger, client context and identity) appear as
/// another library's interface of the same shape, Amazon.Lambda.Core's <c>ILambdaContext</c> in particular, which
/// the runtime cannot reference: each call is answered by the member of the same name and arity, arguments and
/// results converted on the way (enums by name, interfaces bridged in turn). A member the object lacks (one a newer
/// version of that library added) answers its type's default value.
/// </summary>
public class InterfaceBridge : DispatchProxy
{
    private static readonly ConcurrentDictionary<(Type Source, MethodInfo Target), MethodInfo?> Matches = new();

    private object _source = null!;

    /// <summary>An object of <paramref name="targetInterface"/> whose calls reach <paramref name="source"/>.</summary>
    public static object Create(Type targetInterface, object source)
    {
        ArgumentNullException.ThrowIfNull(targetInterface);
        ArgumentNullException.ThrowIfNull(source);
        var bridge = (InterfaceBridge)DispatchProxy.Create(targetInterface, typeof(InterfaceBridge));
        bridge._source = source;
        return bridge;
    }

    /// <summary>Whether <paramref name="value"/> can be handed over as <paramref name="type"/>, converted or bridged.</summary>
    public static object? Convert(object? value, Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (value is null || type == typeof(void))
        {
            return type.IsValueType && type != typeof(void) ? Activator.CreateInstance(type) : null;
        }
        if (type.IsInstanceOfType(value))
        {
            return value;
        }
        if (type.IsEnum && value is Enum)
        {
            return Enum.TryParse(type, value.ToString(), ignoreCase: false, out var parsed) ? parsed : Activator.CreateInstance(type);
        }
        if (type.IsInterface)
        {
            return Create(type, value);
        }
        throw new InvalidCastException($"Ember's managed runtime cannot pass a {value.GetType().FullName} as {type.FullName}.");
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        args ??= [];
        if (targetMethod.DeclaringType == typeof(object))
        {
            return targetMethod.Invoke(_source, args);
        }
        var match = Matches.GetOrAdd((_source.GetType(), targetMethod), key => Find(key.Source, key.Target));
        if (match is null)
        {
            return Convert(null, targetMethod.ReturnType);
        }
        var parameters = match.GetParameters();
        var converted = new object?[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            converted[i] = Convert(args[i], parameters[i].ParameterType);
        }
        return Convert(match.Invoke(_source, BindingFlags.DoNotWrapExceptions, binder: null, converted, culture: null), targetMethod.ReturnType);
    }

    /// <summary>The source's member that answers <paramref name="target"/>: same name, same number of parameters, each of a type that converts.</summary>
    private static MethodInfo? Find(Type source, MethodInfo target)
    {
        var targetParameters = target.GetParameters();
        var candidates = source.GetInterfaces().Prepend(source)
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Instance))
            .Where(method => method.Name == target.Name && !method.IsGenericMethodDefinition && method.GetParameters().Length == targetParameters.Length);
        return candidates.FirstOrDefault(method => method.GetParameters().Zip(targetParameters)
            .All(pair => Converts(pair.Second.ParameterType, pair.First.ParameterType)));
    }

    private static bool Converts(Type from, Type to) =>
        to.IsAssignableFrom(from)
        || (from.IsEnum && to.IsEnum)
        || (from.IsArray && to.IsArray && to.GetElementType()!.IsAssignableFrom(from.GetElementType()!))
        || (from.IsInterface && to.IsInterface && from.Name == to.Name);
}
