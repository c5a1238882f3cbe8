using Ember.Host.Auth;
using Ember.Host.ControlPlane.Shapes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static Ember.Host.ControlPlane.ControlPlaneHttp;

namespace Ember.Host.ControlPlane;

/// <summary>PublishVersion and ListVersionsByFunction.</summary>
internal static class VersionEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, ControlPlaneService control)
    {
        var json = ControlPlaneJsonContext.Default;
        routes.MapPost("/2015-03-31/functions/{name}/versions", (HttpContext c, string name) => HandleAsync(c, async () =>
        {
            var reference = Reference(c, name, allowQualifier: false);
            var request = c.Request.ContentLength is 0 ? new PublishVersionRequest() : await ReadAsync(c, json.PublishVersionRequest).ConfigureAwait(false);
            var version = await control.PublishVersionAsync(reference.Name, request.Description, request.CodeSha256, request.RevisionId).ConfigureAwait(false);
            await WriteAsync(c, 201, ControlPlaneShapes.Configuration(control.Find(reference.Name), version), json.FunctionConfigurationShape).ConfigureAwait(false);
        })).WithMetadata(new LambdaAction("PublishVersion"));
        routes.MapGet("/2015-03-31/functions/{name}/versions", (HttpContext c, string name) => HandleAsync(c, () =>
        {
            var function = control.Find(Reference(c, name, allowQualifier: false).Name);
            var versions = function.Versions.Values.OrderBy(v => int.Parse(v.Number, System.Globalization.CultureInfo.InvariantCulture))
                .Select(v => ControlPlaneShapes.Configuration(function, v))
                .Prepend(ControlPlaneShapes.Configuration(function, null));
            return WriteAsync(c, 200, new ListVersionsByFunctionResponse { Versions = [.. versions] }, json.ListVersionsByFunctionResponse);
        })).WithMetadata(new LambdaAction("ListVersionsByFunction"));
    }
}
