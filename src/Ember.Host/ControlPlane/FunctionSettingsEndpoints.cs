using Ember.Host.Auth;
using Ember.Host.ControlPlane.Shapes;
using Ember.Host.Functions;
using Ember.Host.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static Ember.Host.ControlPlane.ControlPlaneHttp;

namespace Ember.Host.ControlPlane;

/// <summary>
/// Get/PutFunctionRecursionConfig (recursive loop detection: Terminate stops an Event chain that comes back to the
/// function 16 times, as Lambda does) and Get/PutRuntimeManagementConfig (kept and answered; Ember's runtimes have one version).
/// </summary>
internal static class FunctionSettingsEndpoints
{
    private const string Recursion = "/2024-08-31/functions/{name}/recursion-config";
    private const string RuntimeManagement = "/2021-07-20/functions/{name}/runtime-management-config";

    public static void Map(IEndpointRouteBuilder routes, ControlPlaneService control)
    {
        var json = ControlPlaneJsonContext.Default;
        routes.MapGet(Recursion, (HttpContext c, string name) => HandleAsync(c, () =>
        {
            var function = control.Find(Reference(c, name, allowQualifier: false).Name);
            return WriteAsync(c, 200, new RecursionConfigShape { RecursiveLoop = function.RecursiveLoop }, json.RecursionConfigShape);
        })).WithMetadata(new LambdaAction("GetFunctionRecursionConfig"));
        routes.MapPut(Recursion, (HttpContext c, string name) => HandleAsync(c, async () =>
        {
            var reference = Reference(c, name, allowQualifier: false);
            var request = await ReadAsync(c, json.RecursionConfigShape).ConfigureAwait(false);
            if (request.RecursiveLoop is not (RecursiveLoops.Allow or RecursiveLoops.Terminate))
            {
                throw ControlPlaneException.InvalidParameter($"1 validation error detected: Value '{request.RecursiveLoop}' at 'recursiveLoop' failed to satisfy constraint: "
                    + "Member must satisfy enum value set: [Allow, Terminate]");
            }
            await control.ChangeAsync(reference.Name, f => f.RecursiveLoop = request.RecursiveLoop).ConfigureAwait(false);
            await WriteAsync(c, 200, new RecursionConfigShape { RecursiveLoop = request.RecursiveLoop }, json.RecursionConfigShape).ConfigureAwait(false);
        })).WithMetadata(new LambdaAction("PutFunctionRecursionConfig"));

        routes.MapGet(RuntimeManagement, (HttpContext c, string name) => HandleAsync(c, () =>
        {
            var reference = Reference(c, name);
            var (function, version, _) = control.FindQualified(reference.Name, reference.Qualifier);
            var config = function.RuntimeManagement ?? new RuntimeManagementConfig(ControlPlaneValues.UpdateRuntimeAuto, null);
            return WriteAsync(c, 200, new RuntimeManagementConfigShape
            {
                UpdateRuntimeOn = config.UpdateRuntimeOn,
                RuntimeVersionArn = config.RuntimeVersionArn,
                FunctionArn = HostIdentity.FunctionArn(control.Functions.Region, function.Name, version),
            }, json.RuntimeManagementConfigShape);
        })).WithMetadata(new LambdaAction("GetRuntimeManagementConfig"));
        routes.MapPut(RuntimeManagement, (HttpContext c, string name) => HandleAsync(c, async () =>
        {
            var reference = Reference(c, name);
            var request = await ReadAsync(c, json.RuntimeManagementConfigShape).ConfigureAwait(false);
            if (request.UpdateRuntimeOn is not (ControlPlaneValues.UpdateRuntimeAuto or ControlPlaneValues.UpdateRuntimeOnFunctionUpdate or ControlPlaneValues.UpdateRuntimeManual))
            {
                throw ControlPlaneException.InvalidParameter($"1 validation error detected: Value '{request.UpdateRuntimeOn}' at 'updateRuntimeOn' failed to satisfy constraint: "
                    + "Member must satisfy enum value set: [Auto, FunctionUpdate, Manual]");
            }
            if ((request.UpdateRuntimeOn == ControlPlaneValues.UpdateRuntimeManual) != !string.IsNullOrEmpty(request.RuntimeVersionArn))
            {
                throw ControlPlaneException.InvalidParameter(request.UpdateRuntimeOn == ControlPlaneValues.UpdateRuntimeManual
                    ? "RuntimeVersionArn is required when UpdateRuntimeOn is Manual."
                    : "RuntimeVersionArn can be set only when UpdateRuntimeOn is Manual.");
            }
            var (function, version, _) = control.FindQualified(reference.Name, reference.Qualifier);
            var config = new RuntimeManagementConfig(request.UpdateRuntimeOn, string.IsNullOrEmpty(request.RuntimeVersionArn) ? null : request.RuntimeVersionArn);
            await control.ChangeAsync(reference.Name, f => f.RuntimeManagement = config).ConfigureAwait(false);
            await WriteAsync(c, 200, new RuntimeManagementConfigShape
            {
                UpdateRuntimeOn = config.UpdateRuntimeOn,
                RuntimeVersionArn = config.RuntimeVersionArn,
                FunctionArn = HostIdentity.FunctionArn(control.Functions.Region, function.Name, version),
            }, json.RuntimeManagementConfigShape).ConfigureAwait(false);
        })).WithMetadata(new LambdaAction("PutRuntimeManagementConfig"));
    }
}
