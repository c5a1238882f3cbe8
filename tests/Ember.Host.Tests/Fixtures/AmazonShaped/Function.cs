using System.Text.Json;
using Amazon.Lambda.Core;

[assembly: LambdaSerializer(typeof(AmazonShaped.JsonSerializer))]

namespace AmazonShaped;

public sealed class JsonSerializer : ILambdaSerializer
{
    public T Deserialize<T>(Stream requestStream) => System.Text.Json.JsonSerializer.Deserialize<T>(requestStream)!;

    public void Serialize<T>(T response, Stream responseStream) => System.Text.Json.JsonSerializer.Serialize(responseStream, response);
}

public sealed class Function
{
    public Dictionary<string, string?> FunctionHandler(string input, ILambdaContext context)
    {
        context.Logger.LogLine("plain line from " + input);
        context.Logger.LogWarning("warned {0}", input);
        return new Dictionary<string, string?>
        {
            ["upper"] = input.ToUpperInvariant(),
            ["function"] = context.FunctionName,
            ["requestId"] = context.AwsRequestId,
            ["arn"] = context.InvokedFunctionArn,
            ["memory"] = context.MemoryLimitInMB.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["tenant"] = context.TenantId,
            ["clientContext"] = context.ClientContext is null ? "none" : "some",
            // From the function's own runtimeconfig.json, which the runtime runs under.
            ["marker"] = AppContext.GetData("Ember.Test.Marker") as string,
            ["timeLeft"] = (context.RemainingTime > TimeSpan.Zero).ToString(),
        };
    }
}
