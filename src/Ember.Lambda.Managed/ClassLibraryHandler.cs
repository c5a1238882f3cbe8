using System.Reflection;

namespace Ember.Lambda.Managed;

/// <summary>
/// A class library handler made callable, as Lambda's managed .NET runtime makes it: the method named by
/// <c>Assembly::Type::Method</c>, static or on an instance made once at init (its constructor runs in the init
/// phase); its input a <see cref="Stream"/> or deserialized by the serializer its <c>LambdaSerializer</c> attribute
/// names (on the method, else on the assembly); an optional second parameter for the context; its result void,
/// a <see cref="Stream"/>, a value to serialize, or a <see cref="Task"/> of one.
/// </summary>
internal sealed class ClassLibraryHandler
{
    private const string SerializerAttributeName = "LambdaSerializerAttribute";
    private const string SerializerInterfaceName = "ILambdaSerializer";

    private readonly object? _instance;
    private readonly MethodInfo _method;
    private readonly Type? _inputType;
    private readonly Type? _contextType;
    private readonly Type _resultType;
    private readonly object? _serializer;
    private readonly MethodInfo? _deserialize;
    private readonly MethodInfo? _serialize;
    private readonly int _parameterCount;
    private readonly PropertyInfo? _taskResult;

    private ClassLibraryHandler(object? instance, MethodInfo method, Type? inputType, Type? contextType, Type resultType,
        object? serializer, MethodInfo? deserialize, MethodInfo? serialize)
    {
        _instance = instance;
        _method = method;
        _inputType = inputType;
        _contextType = contextType;
        _resultType = resultType;
        _serializer = serializer;
        _deserialize = deserialize;
        _serialize = serialize;
        _parameterCount = method.GetParameters().Length;
        // Task<T>.Result, found once: the invocation path reflects on nothing it can know at init.
        _taskResult = typeof(Task).IsAssignableFrom(method.ReturnType) && resultType != typeof(void)
            ? typeof(Task<>).MakeGenericType(resultType).GetProperty(nameof(Task<object>.Result))
            : null;
    }

    /// <summary>Loads the assembly, finds the handler and checks it, runs the constructor; every refusal a <see cref="LambdaValidationException"/>.</summary>
    public static ClassLibraryHandler Load(HandlerName name, string codeDirectory)
    {
        var path = Path.Combine(codeDirectory, name.Assembly + ".dll");
        if (!File.Exists(path))
        {
            throw new LambdaValidationException($"Could not find the handler's assembly '{name.Assembly}': {path} does not exist. " +
                "The first part of the handler is the assembly's file name without .dll.");
        }
        var assembly = new FunctionLoadContext(path).LoadFromAssemblyPath(path);
        var type = assembly.GetType(name.Type, throwOnError: false)
            ?? throw new LambdaValidationException($"Unable to find type '{name.Type}' in assembly '{name.Assembly}'. The second part of the handler is the type's full name, namespace included.");
        var methods = type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static)
            .Where(method => method.Name == name.Method)
            .ToArray();
        var method = methods.Length switch
        {
            0 => throw new LambdaValidationException($"Unable to find method '{name.Method}' in type '{name.Type}' of assembly '{name.Assembly}'."),
            1 => methods[0],
            _ => throw new LambdaValidationException($"The method '{name.Method}' in type '{name.Type}' is overloaded ({methods.Length} methods); " +
                "Lambda cannot choose between them. Give the handler method a name of its own."),
        };
        if (method.IsGenericMethodDefinition)
        {
            throw new LambdaValidationException($"The handler method '{name.Method}' is generic; a Lambda handler may not be.");
        }
        if (method.ReturnType == typeof(void) && method.GetCustomAttribute<System.Runtime.CompilerServices.AsyncStateMachineAttribute>() is not null)
        {
            throw new LambdaValidationException($"The handler method '{name.Method}' is 'async void'; Lambda does not support it. Return Task instead.");
        }

        var parameters = method.GetParameters();
        if (parameters.Length > 2)
        {
            throw new LambdaValidationException($"The handler method '{name.Method}' takes {parameters.Length} parameters; a Lambda handler takes at most two (the input, then the context).");
        }
        var inputType = parameters.Length > 0 ? parameters[0].ParameterType : null;
        var contextType = parameters.Length > 1 ? parameters[1].ParameterType : null;
        if (contextType is not null && !IsContextType(contextType))
        {
            throw new LambdaValidationException($"The second parameter of '{name.Method}' is a {contextType.FullName}; it must be the context (ILambdaContext).");
        }
        var resultType = ResultType(method.ReturnType);

        var serializer = SerializerFor(method, assembly);
        MethodInfo? deserialize = null;
        MethodInfo? serialize = null;
        if (inputType is not null && inputType != typeof(Stream))
        {
            deserialize = SerializerMethod(serializer, "Deserialize", 1, name, inputType, "deserialize its input").MakeGenericMethod(inputType);
        }
        if (resultType != typeof(void) && !typeof(Stream).IsAssignableFrom(resultType))
        {
            serialize = SerializerMethod(serializer, "Serialize", 2, name, resultType, "serialize its result").MakeGenericMethod(resultType);
        }

        object? instance = null;
        if (!method.IsStatic)
        {
            if (type.IsAbstract)
            {
                throw new LambdaValidationException($"The handler method '{name.Method}' is an instance method of an abstract type '{name.Type}'.");
            }
            // The constructor runs now, in the init phase; what it throws fails the init, under its own type.
            try
            {
                instance = Activator.CreateInstance(type, nonPublic: true);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            }
            catch (MissingMethodException e)
            {
                throw new LambdaValidationException($"The handler's type '{name.Type}' has no parameterless constructor; Lambda makes its instance with one.", e);
            }
        }
        return new ClassLibraryHandler(instance, method, inputType, contextType, resultType, serializer, deserialize, serialize);
    }

    /// <summary>One invocation: the input read, the method called (and awaited), its result written.</summary>
    public async Task InvokeAsync(Stream input, Stream output, ILambdaContext context)
    {
        var arguments = _parameterCount == 0 ? [] : new object?[_parameterCount];
        if (_inputType is not null)
        {
            arguments[0] = _deserialize is null ? input : _deserialize.Invoke(_serializer, BindingFlags.DoNotWrapExceptions, null, [input], null);
        }
        if (_contextType is not null)
        {
            arguments[1] = InterfaceBridge.Convert(context, _contextType);
        }
        var returned = _method.Invoke(_instance, BindingFlags.DoNotWrapExceptions, null, arguments, null);
        object? result = returned;
        if (returned is Task task)
        {
            await task.ConfigureAwait(false);
            result = _taskResult?.GetValue(task);
        }
        if (_resultType == typeof(void))
        {
            return;
        }
        if (result is Stream stream)
        {
            await using (stream.ConfigureAwait(false))
            {
                await stream.CopyToAsync(output).ConfigureAwait(false);
            }
            return;
        }
        if (typeof(Stream).IsAssignableFrom(_resultType))
        {
            return;
        }
        _serialize!.Invoke(_serializer, BindingFlags.DoNotWrapExceptions, null, [result, output], null);
    }

    /// <summary>Ember.Lambda's context, or an interface of the same name from another library (Amazon.Lambda.Core's).</summary>
    private static bool IsContextType(Type type) =>
        type.IsAssignableFrom(typeof(ILambdaContext)) || (type.IsInterface && type.Name == nameof(ILambdaContext));

    /// <summary>What the handler hands back once awaited: T of Task&lt;T&gt;, void for Task.</summary>
    private static Type ResultType(Type returnType)
    {
        if (returnType == typeof(Task))
        {
            return typeof(void);
        }
        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            return returnType.GetGenericArguments()[0];
        }
        return returnType;
    }

    /// <summary>The serializer the method's LambdaSerializer attribute names, else the assembly's; null if neither has one.</summary>
    private static object? SerializerFor(MethodInfo method, Assembly assembly)
    {
        var attribute = method.GetCustomAttributes(inherit: false).FirstOrDefault(IsSerializerAttribute)
            ?? assembly.GetCustomAttributes().FirstOrDefault(IsSerializerAttribute);
        if (attribute is null)
        {
            return null;
        }
        var serializerType = attribute.GetType().GetProperty("SerializerType")?.GetValue(attribute) as Type
            ?? throw new LambdaValidationException($"The {attribute.GetType().FullName} on the handler names no serializer type.");
        try
        {
            return Activator.CreateInstance(serializerType, nonPublic: true);
        }
        catch (Exception e) when (e is MissingMethodException or TargetInvocationException or MemberAccessException)
        {
            throw new LambdaValidationException($"Could not create the serializer {serializerType.FullName} named by the LambdaSerializer attribute: {e.InnerException?.Message ?? e.Message}", e);
        }
    }

    private static bool IsSerializerAttribute(object attribute) => attribute.GetType().Name == SerializerAttributeName;

    /// <summary>Deserialize&lt;T&gt; or Serialize&lt;T&gt; of the serializer's ILambdaSerializer interface (any library's of that name).</summary>
    private static MethodInfo SerializerMethod(object? serializer, string methodName, int parameterCount, HandlerName name, Type dataType, string purpose)
    {
        if (serializer is null)
        {
            throw new LambdaValidationException($"To {purpose} of type {dataType.FullName}, the handler '{name}' needs a serializer: " +
                "add a LambdaSerializer attribute to the method or the assembly, for example " +
                "[assembly: LambdaSerializer(typeof(Amazon.Lambda.Serialization.SystemTextJson.DefaultLambdaJsonSerializer))], or take and return a Stream.");
        }
        var contract = serializer.GetType().GetInterfaces().FirstOrDefault(type => type.Name == SerializerInterfaceName)
            ?? throw new LambdaValidationException($"The serializer {serializer.GetType().FullName} does not implement ILambdaSerializer.");
        return contract.GetMethods().FirstOrDefault(method => method.Name == methodName && method.IsGenericMethodDefinition && method.GetParameters().Length == parameterCount)
            ?? throw new LambdaValidationException($"The serializer {serializer.GetType().FullName}'s ILambdaSerializer has no {methodName}<T>.");
    }
}
