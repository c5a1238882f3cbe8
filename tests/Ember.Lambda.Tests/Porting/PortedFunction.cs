// A function as written for Amazon.Lambda.Core and the AWS event libraries, ported to Ember.Lambda by
// changing its usings and nothing else. It was:
//   using Amazon.Lambda.Core;
//   using Amazon.Lambda.APIGatewayEvents;
//   using Amazon.Lambda.SQSEvents;
//   using Amazon.Lambda.DynamoDBEvents;
//   using Amazon.Lambda.Serialization.SystemTextJson;
// That it compiles is the first half of the test; PortingTests runs it.
using System.Text.Json.Serialization;
using Ember.Lambda;
using Ember.Lambda.APIGatewayEvents;
using Ember.Lambda.DynamoDBEvents;
using Ember.Lambda.Serialization;
using Ember.Lambda.SQSEvents;

[assembly: LambdaSerializer(typeof(SourceGeneratorLambdaJsonSerializer<PortedApp.PortedJsonContext>))]

namespace PortedApp;

public class Function
{
    public APIGatewayProxyResponse GetItem(APIGatewayProxyRequest request, ILambdaContext context)
    {
        context.Logger.LogInformation("GET {path} from {ip}", request.Path, request.RequestContext?.Identity?.SourceIp);
        context.Logger.LogDebug("not shown at the default level");
        var id = request.PathParameters?["id"] ?? "none";
        return new APIGatewayProxyResponse
        {
            StatusCode = 200,
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
            Body = $$"""{"id":"{{id}}","stage":"{{request.RequestContext?.Stage}}"}""",
        };
    }

    public APIGatewayHttpApiV2ProxyResponse GetItemV2(APIGatewayHttpApiV2ProxyRequest request, ILambdaContext context)
    {
        context.Logger.LogLine($"route {request.RouteKey} from {request.RequestContext?.Http?.SourceIp}");
        return new APIGatewayHttpApiV2ProxyResponse { StatusCode = 200, Body = request.PathParameters?["id"], Cookies = ["seen=1"] };
    }

    public async Task<SQSBatchResponse> HandleQueue(SQSEvent sqsEvent, ILambdaContext context)
    {
        var failures = new List<SQSBatchResponse.BatchItemFailure>();
        foreach (var message in sqsEvent.Records ?? [])
        {
            await Task.Yield();
            if (message.Body == "poison")
            {
                context.Logger.LogWarning("message {id} is poison", message.MessageId);
                failures.Add(new SQSBatchResponse.BatchItemFailure { ItemIdentifier = message.MessageId });
            }
        }
        return new SQSBatchResponse(failures);
    }

    public string HandleStream(DynamoDBEvent streamEvent, ILambdaContext context) =>
        string.Join(",", (streamEvent.Records ?? []).Select(r => $"{r.EventName}:{r.Dynamodb?.Keys?["id"].S}:{r.Dynamodb?.NewImage?["count"].N}"));

    public string WhoCalls(string input, ILambdaContext context)
    {
        if (context.RemainingTime <= TimeSpan.Zero)
        {
            context.Logger.LogError(new TimeoutException("late"), "no time left for {input}", input);
        }
        var tier = context.ClientContext is { } client && client.Custom.TryGetValue("tier", out var value) ? value : "";
        return $"{context.FunctionName}/{context.FunctionVersion}/{context.MemoryLimitInMB}: {context.Identity?.IdentityId ?? "anonymous"} "
            + $"via {context.ClientContext?.Client.AppTitle ?? "no app"} {tier}";
    }
}

[JsonSerializable(typeof(APIGatewayProxyRequest))]
[JsonSerializable(typeof(APIGatewayProxyResponse))]
[JsonSerializable(typeof(APIGatewayHttpApiV2ProxyRequest))]
[JsonSerializable(typeof(APIGatewayHttpApiV2ProxyResponse))]
[JsonSerializable(typeof(APIGatewayProxyRequest.ProxyRequestContext), TypeInfoPropertyName = "RestContext")]
[JsonSerializable(typeof(APIGatewayHttpApiV2ProxyRequest.ProxyRequestContext), TypeInfoPropertyName = "HttpContext")]
[JsonSerializable(typeof(SQSEvent))]
[JsonSerializable(typeof(SQSBatchResponse))]
[JsonSerializable(typeof(DynamoDBEvent))]
[JsonSerializable(typeof(string))]
public partial class PortedJsonContext : JsonSerializerContext
{
}
