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
            // $LATEST first, then the versions in order; keys that sort that way for the marker.
            var versions = function.Versions.Values.OrderBy(v => int.Parse(v.Number, System.Globalization.CultureInfo.InvariantCulture))
                .Select(v => (Key: int.Parse(v.Number, System.Globalization.CultureInfo.InvariantCulture).ToString("D10", System.Globalization.CultureInfo.InvariantCulture), Version: (Functions.FunctionVersion?)v))
                .Prepend((Key: "", Version: null));
            var (page, next) = Paging.Page(c, versions, v => v.Key, pageSize: 50);
            return WriteAsync(c, 200, new ListVersionsByFunctionResponse { Versions = [.. page.Select(v => ControlPlaneShapes.Configuration(function, v.Version))], NextMarker = next },
                json.ListVersionsByFunctionResponse);
        })).WithMetadata(new LambdaAction("ListVersionsByFunction"));
    }
}
