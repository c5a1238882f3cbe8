using System.Globalization;
using Ember.Host.Auth;
using Ember.Host.ControlPlane.Shapes;
using Ember.Host.Functions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static Ember.Host.ControlPlane.ControlPlaneHttp;

namespace Ember.Host.ControlPlane;

/// <summary>Put/Update/Get/Delete/ListFunctionEventInvokeConfig(s): retries, maximum event age and destinations of Event invocations.</summary>
internal static class EventInvokeConfigEndpoints
{
    private const string Config = "/2019-09-25/functions/{name}/event-invoke-config";

    public static void Map(IEndpointRouteBuilder routes, ControlPlaneService control)
    {
        var json = ControlPlaneJsonContext.Default;
        routes.MapPut(Config, (HttpContext c, string name) => HandleAsync(c, () => PutAsync(c, name, control, merge: false)))
            .WithMetadata(new LambdaAction("PutFunctionEventInvokeConfig"));
        routes.MapPost(Config, (HttpContext c, string name) => HandleAsync(c, () => PutAsync(c, name, control, merge: true)))
            .WithMetadata(new LambdaAction("UpdateFunctionEventInvokeConfig"));
        routes.MapGet(Config, (HttpContext c, string name) => HandleAsync(c, () =>
        {
            var reference = Reference(c, name);
            var (qualifier, config) = control.GetEventInvokeConfig(reference.Name, reference.Qualifier);
            return WriteAsync(c, 200, Shape(control, reference.Name, qualifier, config), json.EventInvokeConfigShape);
        })).WithMetadata(new LambdaAction("GetFunctionEventInvokeConfig"));
        routes.MapDelete(Config, (HttpContext c, string name) => HandleAsync(c, async () =>
        {
            var reference = Reference(c, name);
            await control.DeleteEventInvokeConfigAsync(reference.Name, reference.Qualifier).ConfigureAwait(false);
            NoContent(c);
        })).WithMetadata(new LambdaAction("DeleteFunctionEventInvokeConfig"));
        routes.MapGet(Config + "/list", (HttpContext c, string name) => HandleAsync(c, () =>
        {
            var reference = Reference(c, name, allowQualifier: false);
            var (page, next) = Paging.Page(c, control.ListEventInvokeConfigs(reference.Name), p => p.Qualifier, pageSize: 50);
            return WriteAsync(c, 200, new ListEventInvokeConfigsResponse
            {
                FunctionEventInvokeConfigs = [.. page.Select(p => Shape(control, reference.Name, p.Qualifier, p.Config))],
                NextMarker = next,
            }, json.ListEventInvokeConfigsResponse);
        })).WithMetadata(new LambdaAction("ListFunctionEventInvokeConfigs"));
    }

    private static async Task PutAsync(HttpContext context, string name, ControlPlaneService control, bool merge)
    {
        var reference = Reference(context, name);
        var request = await ReadAsync(context, ControlPlaneJsonContext.Default.EventInvokeConfigShape).ConfigureAwait(false);
        var config = await control.PutEventInvokeConfigAsync(reference.Name, reference.Qualifier, request.MaximumRetryAttempts, request.MaximumEventAgeInSeconds,
            Empty(request.DestinationConfig?.OnSuccess?.Destination), Empty(request.DestinationConfig?.OnFailure?.Destination), merge).ConfigureAwait(false);
        await WriteAsync(context, 200, Shape(control, reference.Name, reference.Qualifier ?? Wire.ControlPlaneValues.Latest, config),
            ControlPlaneJsonContext.Default.EventInvokeConfigShape).ConfigureAwait(false);
    }

    private static string? Empty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static EventInvokeConfigShape Shape(ControlPlaneService control, string name, string qualifier, EventInvokeConfig config) => new()
    {
        LastModified = Math.Round(config.LastModified.ToUnixTimeMilliseconds() / 1000.0, 3),
        FunctionArn = HostIdentity.FunctionArn(control.Functions.Region, name, qualifier),
        MaximumRetryAttempts = config.MaximumRetryAttempts,
        MaximumEventAgeInSeconds = config.MaximumEventAgeInSeconds,
        DestinationConfig = new DestinationConfigShape
        {
            OnSuccess = new DestinationShape { Destination = config.OnSuccess },
            OnFailure = new DestinationShape { Destination = config.OnFailure },
        },
    };
}
