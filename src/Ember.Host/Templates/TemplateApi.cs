namespace Ember.Host.Templates;

/// <summary>Which API Gateway an event routes through: a REST API (<c>Api</c>) or an HTTP API (<c>HttpApi</c>).</summary>
internal enum ApiKind
{
    Rest,
    Http,
}

/// <summary>
/// An API of the template: an explicit <c>AWS::Serverless::Api</c> / <c>AWS::Serverless::HttpApi</c>, or
/// the implicit one SAM makes for events that name none (<c>ServerlessRestApi</c>, stage Prod;
/// <c>ServerlessHttpApi</c>, stage $default).
/// </summary>
internal sealed record TemplateApi(string LogicalId, ApiKind Kind, string Stage)
{
    public const string ImplicitRest = "ServerlessRestApi";
    public const string ImplicitHttp = "ServerlessHttpApi";

    /// <summary>A REST API's BinaryMediaTypes: request bodies of these types reach the function in base64.</summary>
    public IReadOnlyList<string> BinaryMediaTypes { get; init; } = [];
}

/// <summary>
/// One <c>Events</c> entry of type Api or HttpApi: the route (<see cref="Method"/> ANY matches every
/// method; a <c>{name+}</c> last segment is greedy), the function it invokes, and the payload format
/// (1.0 for REST; 2.0 for HTTP unless PayloadFormatVersion says 1.0). An HTTP API event without Path
/// is the API's <c>$default</c> route, which takes whatever no other route matches.
/// </summary>
internal sealed record TemplateApiRoute(string ApiId, ApiKind Kind, string Method, string Path, string PayloadFormat, string FunctionName)
{
    public const string AnyMethod = "ANY";
    public const string DefaultRoute = "$default";

    /// <summary>The route key as API Gateway writes it: "GET /items/{id}", or "$default".</summary>
    public string RouteKey => Path == DefaultRoute ? DefaultRoute : $"{Method} {Path}";
}
