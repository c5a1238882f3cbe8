using System.Globalization;
using Ember.Lambda.RuntimeApi;

namespace Ember.Lambda.Runtime;

/// <summary>The function's settings, read once from the variables Lambda sets for the process.</summary>
internal sealed record FunctionEnvironment(
    string RuntimeApi,
    string FunctionName,
    string FunctionVersion,
    int MemoryLimitInMB,
    string LogGroupName,
    string LogStreamName)
{
    public static FunctionEnvironment FromProcess()
    {
        var api = Environment.GetEnvironmentVariable(RuntimeApiWire.EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(api))
        {
            throw LambdaRuntimeException.MissingVariable(RuntimeApiWire.EnvironmentVariable);
        }

        _ = int.TryParse(Environment.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"), NumberStyles.None, CultureInfo.InvariantCulture, out var memory);
        return new FunctionEnvironment(
            api,
            Environment.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_NAME") ?? string.Empty,
            Environment.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_VERSION") ?? string.Empty,
            memory,
            Environment.GetEnvironmentVariable("AWS_LAMBDA_LOG_GROUP_NAME") ?? string.Empty,
            Environment.GetEnvironmentVariable("AWS_LAMBDA_LOG_STREAM_NAME") ?? string.Empty);
    }
}
