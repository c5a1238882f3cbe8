using Ember.Host.Auth;
using Ember.Host.ControlPlane.Shapes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static Ember.Host.ControlPlane.ControlPlaneHttp;

namespace Ember.Host.ControlPlane;

/// <summary>CreateAlias, GetAlias, UpdateAlias, ListAliases, DeleteAlias.</summary>
internal static class AliasEndpoints
{
    private const string Aliases = "/2015-03-31/functions/{name}/aliases";

    public static void Map(IEndpointRouteBuilder routes, ControlPlaneService control)
    {
        var json = ControlPlaneJsonContext.Default;
        routes.MapPost(Aliases, (HttpContext c, string name) => HandleAsync(c, async () =>
        {
            var function = Reference(c, name, allowQualifier: false).Name;
            var request = await ReadAsync(c, json.AliasRequest).ConfigureAwait(false);
            if (string.IsNullOrEmpty(request.FunctionVersion))
            {
                throw ControlPlaneException.InvalidParameter("FunctionVersion is required.");
            }
            var alias = await control.PutAliasAsync(function, request.Name ?? "", create: true, request.FunctionVersion, request.Description,
                request.RoutingConfig?.AdditionalVersionWeights, null).ConfigureAwait(false);
            await WriteAsync(c, 201, ControlPlaneShapes.Alias(control.Find(function), alias), json.AliasConfigurationShape).ConfigureAwait(false);
        })).WithMetadata(new LambdaAction("CreateAlias"));
        routes.MapPut(Aliases + "/{alias}", (HttpContext c, string name, string alias) => HandleAsync(c, async () =>
        {
            var function = Reference(c, name, allowQualifier: false).Name;
            var request = await ReadAsync(c, json.AliasRequest).ConfigureAwait(false);
            // A RoutingConfig without weights (--routing-config '{}') clears them; no RoutingConfig keeps them.
            var weights = request.RoutingConfig is null ? null : request.RoutingConfig.AdditionalVersionWeights ?? [];
            var updated = await control.PutAliasAsync(function, alias, create: false, request.FunctionVersion, request.Description,
                weights, request.RevisionId).ConfigureAwait(false);
            await WriteAsync(c, 200, ControlPlaneShapes.Alias(control.Find(function), updated), json.AliasConfigurationShape).ConfigureAwait(false);
        })).WithMetadata(new LambdaAction("UpdateAlias"));
        routes.MapGet(Aliases + "/{alias}", (HttpContext c, string name, string alias) => HandleAsync(c, () =>
        {
            var function = Reference(c, name, allowQualifier: false).Name;
            return WriteAsync(c, 200, ControlPlaneShapes.Alias(control.Find(function), control.GetAlias(function, alias)), json.AliasConfigurationShape);
        })).WithMetadata(new LambdaAction("GetAlias"));
        routes.MapGet(Aliases, (HttpContext c, string name) => HandleAsync(c, () =>
        {
            var function = control.Find(Reference(c, name, allowQualifier: false).Name);
            var only = c.Request.Query["FunctionVersion"].ToString();
            var aliases = function.Aliases.Values
                .Where(a => only.Length == 0 || a.FunctionVersion == only || a.AdditionalVersionWeights.ContainsKey(only))
                .OrderBy(a => a.Name, StringComparer.Ordinal)
                .Select(a => ControlPlaneShapes.Alias(function, a));
            var (page, next) = Paging.Page(c, aliases, a => a.Name, pageSize: 50);
            return WriteAsync(c, 200, new ListAliasesResponse { Aliases = page, NextMarker = next }, json.ListAliasesResponse);
        })).WithMetadata(new LambdaAction("ListAliases"));
        routes.MapDelete(Aliases + "/{alias}", (HttpContext c, string name, string alias) => HandleAsync(c, async () =>
        {
            await control.DeleteAliasAsync(Reference(c, name, allowQualifier: false).Name, alias).ConfigureAwait(false);
            NoContent(c);
        })).WithMetadata(new LambdaAction("DeleteAlias"));
    }
}
