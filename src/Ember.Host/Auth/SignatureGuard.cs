using Ember.Host.FunctionUrls;
using Ember.Host.Functions;
using Ember.Host.InvokeApi;
using Ember.Host.Wire;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Ember.Host.Auth;

/// <summary>Who signed a request: the host's root credentials (<see cref="Function"/> null), or a function's own.</summary>
internal sealed record Caller(AwsCredentials Credentials, string? Function);

/// <summary>
/// Lambda's authentication on the Invoke API and the control plane: every request is signed with
/// SigV4 (service <c>lambda</c>, the host's region) by credentials the host knows, or refused with
/// Lambda's 403 and error type. The host's root credentials may do everything; a function's own
/// only what its policy allows (<see cref="LambdaAction"/> on each endpoint). Function URLs are left
/// to their own AuthType. The index at <c>/</c> (function names, for a person with a browser) stays open.
/// </summary>
internal sealed class SignatureGuard(AwsCredentials root, FunctionCatalog functions, TimeProvider time)
{
    private readonly string _region = functions.Region;

    public const string Service = "lambda";

    public async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        var request = context.Request;
        if (FunctionUrlEndpoints.Serves(request.Path) || (request.Path == "/" && HttpMethods.IsGet(request.Method)))
        {
            await next().ConfigureAwait(false);
            return;
        }
        var (caller, failure) = await VerifyAsync(context).ConfigureAwait(false);
        if (failure is null && context.GetEndpoint()?.Metadata.GetMetadata<LambdaAction>() is { } action)
        {
            var name = context.GetRouteValue("name") as string;
            failure = Authorize(caller!, action.Action, name is null ? "*" : Resource(name, context.Request.Query["Qualifier"]));
        }
        if (failure is not null)
        {
            context.Response.Headers[InvokeApiHeaders.RequestId] = Guid.NewGuid().ToString();
            await ApiError.WriteAsync(context, 403, failure.ErrorType, failure.Message).ConfigureAwait(false);
            return;
        }
        await next().ConfigureAwait(false);
    }

    /// <summary>The ARN a request about <paramref name="name"/> (a name, partial or full ARN) acts on, qualified as asked.</summary>
    public string Resource(string name, string? qualifier)
    {
        var text = Uri.UnescapeDataString(name);
        return FunctionReference.TryParse(text, qualifier, out var reference)
            ? HostIdentity.FunctionArn(_region, reference.Name, reference.Qualifier)
            : HostIdentity.FunctionArn(_region, text);
    }

    /// <summary>
    /// Why <paramref name="caller"/> may not perform <paramref name="action"/> on <paramref name="resource"/>;
    /// null when it may. Root may do everything; a function what its $LATEST policy allows, or what the target
    /// function's resource-based policy (AddPermission) grants its role, given the request's
    /// <paramref name="context"/> (condition keys such as <c>lambda:FunctionUrlAuthType</c>).
    /// </summary>
    public SignatureFailure? Authorize(Caller caller, string action, string resource, IReadOnlyDictionary<string, string>? context = null)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.Function is not { } name)
        {
            return null;
        }
        if (!functions.TryGet(name, out var function))
        {
            return new(SigV4.UnrecognizedClient, "The security token included in the request is invalid.");
        }
        var configuration = function.Configuration;
        if (configuration.Policy.Allows(action, resource))
        {
            return null;
        }
        var role = configuration.Role is { Length: > 0 } arn ? arn[(arn.LastIndexOf('/') + 1)..] : name + "-role";
        if (FunctionReference.TryParse(resource, null, out var target) && functions.TryGet(target.Name, out var targetFunction)
            && !targetFunction.Permissions.IsEmpty
            && ResourcePolicy.Allows(targetFunction.Permissions.Values, action, resource, ResourcePolicy.PrincipalsOf(HostIdentity.AccountId, role, name),
                context ?? new Dictionary<string, string>()))
        {
            return null;
        }
        return new(ErrorTypes.AccessDenied, $"User: arn:aws:sts::{HostIdentity.AccountId}:assumed-role/{role}/{name} is not authorized to perform: "
            + $"{action} on resource: {resource} because no identity-based policy allows the {action} action");
    }

    private AwsCredentials? Lookup(string accessKeyId) =>
        accessKeyId == root.AccessKeyId ? root
        : functions.Keys.TryFind(accessKeyId, out _, out var own) ? own
        : null;

    /// <summary>Who signed the request, or why its signature is refused. The body stays readable after.</summary>
    public async Task<(Caller? Caller, SignatureFailure? Failure)> VerifyAsync(HttpContext context)
    {
        var request = context.Request;
        // Only a request that claims a signature pays for reading its body here.
        if (!request.Headers.Authorization.ToString().StartsWith(SigV4.Algorithm, StringComparison.Ordinal))
        {
            return (null, new(SigV4.MissingToken, "Missing Authentication Token"));
        }
        request.EnableBuffering();
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
        request.Body.Position = 0;

        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path + request.QueryString;
        var question = target.IndexOf('?', StringComparison.Ordinal);
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in request.Headers)
        {
            foreach (var value in values)
            {
                headers.Add(new(name, value ?? ""));
            }
        }
        var signed = new SignedRequest(request.Method, question < 0 ? target : target[..question], question < 0 ? "" : target[(question + 1)..],
            headers, body.GetBuffer().AsMemory(0, (int)body.Length));
        var (signer, failure) = SigV4.Verify(signed, Lookup, _region, Service, time.GetUtcNow());
        if (failure is not null)
        {
            return (null, failure);
        }
        return (new Caller(signer!, functions.Keys.TryFind(signer!.AccessKeyId, out var function, out _) ? function : null), null);
    }
}
