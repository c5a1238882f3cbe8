using Ember.Host.Auth;
using Ember.Host.ControlPlane.Shapes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static Ember.Host.ControlPlane.ControlPlaneHttp;

namespace Ember.Host.ControlPlane;

/// <summary>Create/Get/Update/DeleteFunctionUrlConfig; the Function URL endpoint reads the function's Url setting on every request.</summary>
internal static class FunctionUrlConfigEndpoints
{
    private const string Url = "/2021-10-31/functions/{name}/url";

    public static void Map(IEndpointRouteBuilder routes, ControlPlaneService control)
    {
        var json = ControlPlaneJsonContext.Default;
        routes.MapPost(Url, (HttpContext c, string name) => HandleAsync(c, () => PutAsync(c, name, control, create: true))).WithMetadata(new LambdaAction("CreateFunctionUrlConfig"));
        routes.MapPut(Url, (HttpContext c, string name) => HandleAsync(c, () => PutAsync(c, name, control, create: false))).WithMetadata(new LambdaAction("UpdateFunctionUrlConfig"));
        routes.MapGet(Url, (HttpContext c, string name) => HandleAsync(c, () =>
        {
            var function = control.Find(Reference(c, name).Name);
            var url = function.Url ?? throw ControlPlaneException.NotFound("The resource you requested does not exist.");
            return WriteAsync(c, 200, ControlPlaneShapes.Url(control.Functions, function, url), json.FunctionUrlConfigShape);
        })).WithMetadata(new LambdaAction("GetFunctionUrlConfig"));
        routes.MapDelete(Url, (HttpContext c, string name) => HandleAsync(c, async () =>
        {
            await control.DeleteUrlAsync(Reference(c, name).Name).ConfigureAwait(false);
            NoContent(c);
        })).WithMetadata(new LambdaAction("DeleteFunctionUrlConfig"));
    }

    private static async Task PutAsync(HttpContext context, string name, ControlPlaneService control, bool create)
    {
        var reference = Reference(context, name);
        var request = await ReadAsync(context, ControlPlaneJsonContext.Default.FunctionUrlConfigRequest).ConfigureAwait(false);
        var url = await control.PutUrlAsync(reference.Name, reference.Qualifier, create, request.AuthType, request.InvokeMode, request.Cors?.GetRawText()).ConfigureAwait(false);
        var shape = ControlPlaneShapes.Url(control.Functions, control.Find(reference.Name), url);
        if (create)
        {
            shape.LastModifiedTime = null;
        }
        await WriteAsync(context, create ? 201 : 200, shape, ControlPlaneJsonContext.Default.FunctionUrlConfigShape).ConfigureAwait(false);
    }
}
