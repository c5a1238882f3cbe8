using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ember.Host.Auth;
using Ember.Host.Functions;
using Ember.Host.InvokeApi;
using Ember.Host.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static Ember.Host.ControlPlane.ControlPlaneHttp;

namespace Ember.Host.ControlPlane;

/// <summary>
/// AddPermission, GetPolicy, RemovePermission, TagResource, UntagResource, ListTags,
/// ListFunctionUrlConfigs and GetAccountSettings: what deploy tools (SAM, Terraform, the CDK) call
/// beside the function itself. Permissions and tags are kept (across restarts for functions made through
/// the API) and answered as Lambda does; the resource-based policy is enforced by <see cref="ResourcePolicy"/>
/// (through <see cref="SignatureGuard.Authorize"/>) for callers that sign with a function's credentials. Any other
/// path answers Lambda's UnknownOperationException.
/// </summary>
internal static class PolicyAndTagEndpoints
{
    private const string Policy = "/2015-03-31/functions/{name}/policy";
    private const string Tags = "/2017-03-31/tags/{arn}";

    public static void Map(IEndpointRouteBuilder routes, ControlPlaneService control)
    {
        routes.MapPost(Policy, (HttpContext c, string name) => HandleAsync(c, () => AddPermissionAsync(c, name, control))).WithMetadata(new LambdaAction("AddPermission"));
        routes.MapGet(Policy, (HttpContext c, string name) => HandleAsync(c, () =>
        {
            var function = control.Find(Reference(c, name).Name);
            if (function.Permissions.IsEmpty)
            {
                throw ControlPlaneException.NotFound("The resource you requested does not exist.");
            }
            return WriteJsonAsync(c, 200, new JsonObject { ["Policy"] = PolicyDocument(function).ToJsonString(), ["RevisionId"] = function.RevisionId });
        })).WithMetadata(new LambdaAction("GetPolicy"));
        routes.MapDelete(Policy + "/{statementId}", (HttpContext c, string name, string statementId) => HandleAsync(c, () =>
        {
            var function = control.Find(Reference(c, name).Name);
            if (!function.Permissions.TryRemove(statementId, out _))
            {
                throw ControlPlaneException.NotFound($"Statement {statementId} is not found in resource policy.");
            }
            control.Save(function);
            NoContent(c);
            return Task.CompletedTask;
        })).WithMetadata(new LambdaAction("RemovePermission"));

        routes.MapPost(Tags, (HttpContext c, string arn) => HandleAsync(c, async () =>
        {
            var function = FunctionOf(control, arn);
            var body = await JsonBodyAsync(c).ConfigureAwait(false);
            if (body["Tags"] is not JsonObject tags)
            {
                throw ControlPlaneException.InvalidParameter("Tags is required: an object of key and value strings.");
            }
            foreach (var (key, value) in tags)
            {
                function.Tags[key] = value?.GetValue<string>() ?? "";
            }
            control.Save(function);
            NoContent(c);
        })).WithMetadata(new LambdaAction("TagResource"));
        routes.MapDelete(Tags, (HttpContext c, string arn) => HandleAsync(c, () =>
        {
            var function = FunctionOf(control, arn);
            foreach (var key in c.Request.Query["tagKeys"])
            {
                function.Tags.TryRemove(key ?? "", out _);
            }
            control.Save(function);
            NoContent(c);
            return Task.CompletedTask;
        })).WithMetadata(new LambdaAction("UntagResource"));
        routes.MapGet(Tags, (HttpContext c, string arn) => HandleAsync(c, () =>
        {
            var function = FunctionOf(control, arn);
            var tags = new JsonObject();
            foreach (var (key, value) in function.Tags.OrderBy(t => t.Key, StringComparer.Ordinal))
            {
                tags[key] = value;
            }
            return WriteJsonAsync(c, 200, new JsonObject { ["Tags"] = tags });
        })).WithMetadata(new LambdaAction("ListTags"));

        routes.MapGet("/2021-10-31/functions/{name}/urls", (HttpContext c, string name) => HandleAsync(c, () =>
        {
            var function = control.Find(Reference(c, name, allowQualifier: false).Name);
            var configs = new JsonArray();
            if (function.Url is { } url)
            {
                configs.Add(JsonSerializer.SerializeToNode(ControlPlaneShapes.Url(control.Functions, function, url), ControlPlaneJsonContext.Default.FunctionUrlConfigShape));
            }
            return WriteJsonAsync(c, 200, new JsonObject { ["FunctionUrlConfigs"] = configs });
        })).WithMetadata(new LambdaAction("ListFunctionUrlConfigs"));

        routes.MapGet("/2016-08-19/account-settings", (HttpContext c) => HandleAsync(c, () =>
        {
            var functions = control.Functions.All;
            var reserved = functions.Sum(f => f.ReservedConcurrency ?? 0);
            var limit = control.Functions.ConcurrencyLimit;
            return WriteJsonAsync(c, 200, new JsonObject
            {
                ["AccountLimit"] = new JsonObject
                {
                    ["TotalCodeSize"] = 80L * 1024 * 1024 * 1024,
                    ["CodeSizeUnzipped"] = DeploymentArchive.MaxUnzippedBytes,
                    ["CodeSizeZipped"] = 50L * 1024 * 1024,
                    ["ConcurrentExecutions"] = limit,
                    ["UnreservedConcurrentExecutions"] = Math.Max(limit - reserved, 0),
                },
                ["AccountUsage"] = new JsonObject
                {
                    ["TotalCodeSize"] = functions.Sum(f => f.Configuration.CodeSizeBytes),
                    ["FunctionCount"] = functions.Count,
                },
            });
        })).WithMetadata(new LambdaAction("GetAccountSettings"));
    }

    /// <summary>Any other request: Lambda's answer to an operation it does not have, instead of an empty 404.</summary>
    public static Task UnknownOperationAsync(HttpContext context) =>
        ApiError.WriteAsync(context, 404, ErrorTypes.UnknownOperation, $"{context.Request.Method} {context.Request.Path} is not an operation Ember serves.");

    private static async Task AddPermissionAsync(HttpContext context, string name, ControlPlaneService control)
    {
        var reference = Reference(context, name);
        var function = control.Find(reference.Name);
        var body = await JsonBodyAsync(context).ConfigureAwait(false);
        string? Field(string key) => body[key]?.GetValue<string>();
        var statementId = Field("StatementId");
        var action = Field("Action");
        var principal = Field("Principal");
        if (string.IsNullOrEmpty(statementId) || string.IsNullOrEmpty(action) || string.IsNullOrEmpty(principal))
        {
            throw ControlPlaneException.InvalidParameter("StatementId, Action and Principal are required.");
        }
        var statement = new JsonObject
        {
            ["Sid"] = statementId,
            [IamPolicyWords.Effect] = IamPolicyWords.Allow,
            ["Principal"] = principal.Contains('.', StringComparison.Ordinal) ? new JsonObject { ["Service"] = principal } : new JsonObject { ["AWS"] = principal },
            ["Action"] = action,
            ["Resource"] = HostIdentity.FunctionArn(control.Functions.Region, reference.Name, reference.Qualifier),
        };
        var conditions = new JsonObject();
        if (Field("SourceArn") is { } sourceArn)
        {
            conditions["ArnLike"] = new JsonObject { ["AWS:SourceArn"] = sourceArn };
        }
        if (Field("SourceAccount") is { } sourceAccount)
        {
            conditions["StringEquals"] = new JsonObject { ["AWS:SourceAccount"] = sourceAccount };
        }
        if (Field("FunctionUrlAuthType") is { } urlAuthType)
        {
            conditions["StringEquals"] ??= new JsonObject();
            conditions["StringEquals"]!["lambda:FunctionUrlAuthType"] = urlAuthType;
        }
        if (conditions.Count > 0)
        {
            statement["Condition"] = conditions;
        }
        var text = statement.ToJsonString();
        if (!function.Permissions.TryAdd(statementId, text))
        {
            throw ControlPlaneException.Conflict($"The statement id ({statementId}) provided already exists. Please provide a new statement id, or remove the existing statement.");
        }
        control.Save(function);
        await WriteJsonAsync(context, 201, new JsonObject { ["Statement"] = text }).ConfigureAwait(false);
    }

    private static JsonObject PolicyDocument(LambdaFunction function)
    {
        var statements = new JsonArray();
        foreach (var (_, text) in function.Permissions.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            statements.Add(JsonNode.Parse(text));
        }
        return new JsonObject { ["Version"] = "2012-10-17", ["Id"] = "default", ["Statement"] = statements };
    }

    private static LambdaFunction FunctionOf(ControlPlaneService control, string arn)
    {
        var text = Uri.UnescapeDataString(arn);
        if (!FunctionReference.TryParse(text, null, out var reference) || !text.StartsWith("arn:", StringComparison.Ordinal))
        {
            throw ControlPlaneException.InvalidParameter($"'{text}' is not a function ARN.");
        }
        return control.Find(reference.Name);
    }

    private static async Task<JsonObject> JsonBodyAsync(HttpContext context)
    {
        var body = await RequestBody.ReadAsync(context.Request, 1024 * 1024, context.RequestAborted).ConfigureAwait(false)
            ?? throw ControlPlaneException.InvalidParameter("The request body is over 1 MB.");
        try
        {
            return JsonNode.Parse(body) as JsonObject ?? throw ControlPlaneException.InvalidRequestContent("The request body must be a JSON object.");
        }
        catch (JsonException e)
        {
            throw ControlPlaneException.InvalidRequestContent($"Could not parse request body into json: {e.Message}");
        }
    }

    private static Task WriteJsonAsync(HttpContext context, int status, JsonObject value)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(value.ToJsonString())).AsTask();
    }
}
