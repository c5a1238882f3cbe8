using System.Text.Json.Serialization;
using Ember.Lambda.APIGatewayEvents;
using Ember.Lambda.DynamoDBEvents;
using Ember.Lambda.SQSEvents;

namespace Ember.Lambda.Events;

/// <summary>
/// Source-generated JSON for the event types (no reflection: trim and Native AOT safe), with the
/// events' camelCase names; use it directly (<c>LambdaEventsJsonContext.Default.SQSEvent</c>) or through
/// <see cref="Serialization.SourceGeneratorLambdaJsonSerializer{TContext}"/>.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(APIGatewayProxyRequest))]
[JsonSerializable(typeof(APIGatewayProxyResponse))]
[JsonSerializable(typeof(APIGatewayHttpApiV2ProxyRequest))]
[JsonSerializable(typeof(APIGatewayProxyRequest.ProxyRequestContext), TypeInfoPropertyName = "RestApiProxyRequestContext")]
[JsonSerializable(typeof(APIGatewayHttpApiV2ProxyRequest.ProxyRequestContext), TypeInfoPropertyName = "HttpApiV2ProxyRequestContext")]
[JsonSerializable(typeof(APIGatewayHttpApiV2ProxyResponse))]
[JsonSerializable(typeof(SQSEvent))]
[JsonSerializable(typeof(SQSBatchResponse))]
[JsonSerializable(typeof(DynamoDBEvent))]
public sealed partial class LambdaEventsJsonContext : JsonSerializerContext
{
}
