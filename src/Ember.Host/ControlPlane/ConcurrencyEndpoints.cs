using Ember.Host.Auth;
using Ember.Host.ControlPlane.Shapes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static Ember.Host.ControlPlane.ControlPlaneHttp;

namespace Ember.Host.ControlPlane;

/// <summary>Reserved concurrency (Put/Get/DeleteFunctionConcurrency) and provisioned concurrency (Put/Get/DeleteProvisionedConcurrencyConfig).</summary>
internal static class ConcurrencyEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, ControlPlaneService control)
    {
        var json = ControlPlaneJsonContext.Default;
        routes.MapPut("/2017-10-31/functions/{name}/concurrency", (HttpContext c, string name) => HandleAsync(c, async () =>
        {
            var function = Reference(c, name, allowQualifier: false).Name;
            var request = await ReadAsync(c, json.ConcurrencyShape).ConfigureAwait(false);
            if (request.ReservedConcurrentExecutions is not { } reserved)
            {
                throw ControlPlaneException.InvalidParameter("ReservedConcurrentExecutions is required.");
            }
            await control.PutReservedConcurrencyAsync(function, reserved).ConfigureAwait(false);
            await WriteAsync(c, 200, new ConcurrencyShape { ReservedConcurrentExecutions = reserved }, json.ConcurrencyShape).ConfigureAwait(false);
        })).WithMetadata(new LambdaAction("PutFunctionConcurrency"));
        routes.MapGet("/2019-09-30/functions/{name}/concurrency", (HttpContext c, string name) => HandleAsync(c, () =>
        {
            var function = control.Find(Reference(c, name, allowQualifier: false).Name);
            return WriteAsync(c, 200, new ConcurrencyShape { ReservedConcurrentExecutions = function.ReservedConcurrency }, json.ConcurrencyShape);
        })).WithMetadata(new LambdaAction("GetFunctionConcurrency"));
        routes.MapDelete("/2017-10-31/functions/{name}/concurrency", (HttpContext c, string name) => HandleAsync(c, async () =>
        {
            await control.PutReservedConcurrencyAsync(Reference(c, name, allowQualifier: false).Name, null).ConfigureAwait(false);
            NoContent(c);
        })).WithMetadata(new LambdaAction("DeleteFunctionConcurrency"));

        const string Provisioned = "/2019-09-30/functions/{name}/provisioned-concurrency";
        routes.MapPut(Provisioned, (HttpContext c, string name) => HandleAsync(c, async () =>
        {
            var reference = Reference(c, name);
            var request = await ReadAsync(c, json.ProvisionedConcurrencyRequest).ConfigureAwait(false);
            if (request.ProvisionedConcurrentExecutions is not { } count)
            {
                throw ControlPlaneException.InvalidParameter("ProvisionedConcurrentExecutions is required.");
            }
            var (setting, _) = await control.PutProvisionedAsync(reference.Name, reference.Qualifier, count).ConfigureAwait(false);
            // Lambda answers 202 IN_PROGRESS; get-provisioned-concurrency-config reports READY once the environments are up.
            await WriteAsync(c, 202, ControlPlaneShapes.Provisioned(setting, (count, 0, null)), json.ProvisionedConcurrencyConfigShape).ConfigureAwait(false);
        })).WithMetadata(new LambdaAction("PutProvisionedConcurrencyConfig"));
        routes.MapGet(Provisioned, (HttpContext c, string name) => HandleAsync(c, () =>
        {
            if (c.Request.Query["List"] == "ALL")
            {
                return ListAsync(c, name, control);
            }
            var reference = Reference(c, name);
            var setting = control.GetProvisioned(reference.Name, reference.Qualifier, out var pool);
            return WriteAsync(c, 200, ControlPlaneShapes.Provisioned(setting, pool.ProvisionedStatus), json.ProvisionedConcurrencyConfigShape);
        })).WithMetadata(new LambdaAction("GetProvisionedConcurrencyConfig"));
        routes.MapDelete(Provisioned, (HttpContext c, string name) => HandleAsync(c, async () =>
        {
            var reference = Reference(c, name);
            await control.DeleteProvisionedAsync(reference.Name, reference.Qualifier).ConfigureAwait(false);
            NoContent(c);
        })).WithMetadata(new LambdaAction("DeleteProvisionedConcurrencyConfig"));
    }

    /// <summary>ListProvisionedConcurrencyConfigs: the same path as Get, told apart by List=ALL.</summary>
    private static Task ListAsync(HttpContext context, string name, ControlPlaneService control)
    {
        var function = control.Find(Reference(context, name, allowQualifier: false).Name);
        var items = new List<ProvisionedConcurrencyConfigListItem>();
        foreach (var setting in function.Provisioned.Values.OrderBy(p => p.Qualifier, StringComparer.Ordinal))
        {
            if (!function.Versions.TryGetValue(setting.Version, out var version))
            {
                continue;
            }
            var shape = ControlPlaneShapes.Provisioned(setting, version.Pool.ProvisionedStatus);
            items.Add(new ProvisionedConcurrencyConfigListItem
            {
                FunctionArn = $"{function.Arn}:{setting.Qualifier}",
                RequestedProvisionedConcurrentExecutions = shape.RequestedProvisionedConcurrentExecutions,
                AvailableProvisionedConcurrentExecutions = shape.AvailableProvisionedConcurrentExecutions,
                AllocatedProvisionedConcurrentExecutions = shape.AllocatedProvisionedConcurrentExecutions,
                Status = shape.Status,
                StatusReason = shape.StatusReason,
                LastModified = shape.LastModified,
            });
        }
        return WriteAsync(context, 200, new ListProvisionedConcurrencyConfigsResponse { ProvisionedConcurrencyConfigs = items },
            ControlPlaneJsonContext.Default.ListProvisionedConcurrencyConfigsResponse);
    }
}
