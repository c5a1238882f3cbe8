namespace Amazon.Lambda.Core;

public enum LogLevel
{
    Trace = 0,
    Debug = 1,
    Information = 2,
    Warning = 3,
    Error = 4,
    Critical = 5,
}

public interface ILambdaLogger
{
    void Log(string message);

    void LogLine(string message);

    void Log(string level, string message, params object[] args) => LogLine($"[{level}] {message}");

    void Log(LogLevel level, string message, params object[] args) => Log(level.ToString(), message, args);

    void LogInformation(string message, params object[] args) => Log(LogLevel.Information, message, args);

    void LogWarning(string message, params object[] args) => Log(LogLevel.Warning, message, args);
}

public interface ICognitoIdentity
{
    string IdentityId { get; }

    string IdentityPoolId { get; }
}

public interface IClientApplication
{
    string AppPackageName { get; }

    string AppTitle { get; }

    string AppVersionCode { get; }

    string AppVersionName { get; }

    string InstallationId { get; }
}

public interface IClientContext
{
    IDictionary<string, string> Environment { get; }

    IClientApplication Client { get; }

    IDictionary<string, string> Custom { get; }
}

public interface ILambdaContext
{
    string AwsRequestId { get; }

    IClientContext ClientContext { get; }

    string FunctionName { get; }

    string FunctionVersion { get; }

    ICognitoIdentity Identity { get; }

    string InvokedFunctionArn { get; }

    ILambdaLogger Logger { get; }

    string LogGroupName { get; }

    string LogStreamName { get; }

    int MemoryLimitInMB { get; }

    TimeSpan RemainingTime { get; }

    /// <summary>A member Ember.Lambda's context does not have: the runtime answers its default.</summary>
    string TenantId { get; }
}

public interface ILambdaSerializer
{
    T Deserialize<T>(Stream requestStream);

    void Serialize<T>(T response, Stream responseStream);
}

[AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Method, AllowMultiple = false)]
public sealed class LambdaSerializerAttribute(Type serializerType) : Attribute
{
    public Type SerializerType { get; set; } = serializerType;
}
