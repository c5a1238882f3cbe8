using Ember.Host.Auth;
using System.Collections.Immutable;
using Ember.Host.ControlPlane.Shapes;
using Ember.Host.Functions;
using Ember.Host.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static Ember.Host.ControlPlane.ControlPlaneHttp;

namespace Ember.Host.ControlPlane;

/// <summary>CreateFunction, GetFunction, GetFunctionConfiguration, ListFunctions, DeleteFunction, UpdateFunctionConfiguration, UpdateFunctionCode.</summary>
internal static class FunctionEndpoints
{
    private const string Functions = "/2015-03-31/functions";

    public static void Map(IEndpointRouteBuilder routes, ControlPlaneService control)
    {
        var json = ControlPlaneJsonContext.Default;
        routes.MapPost(Functions, (HttpContext c) => HandleAsync(c, () => CreateAsync(c, control))).WithMetadata(new LambdaAction("CreateFunction"));
        routes.MapGet(Functions, (HttpContext c) => HandleAsync(c, () =>
        {
            // Lambda pages ListFunctions by 50 at most.
            var (page, next) = Paging.Page(c, control.Functions.All, f => f.Name, pageSize: 50);
            return WriteAsync(c, 200, new ListFunctionsResponse { Functions = [.. page.Select(f => ControlPlaneShapes.Configuration(f, null))], NextMarker = next },
                json.ListFunctionsResponse);
        })).WithMetadata(new LambdaAction("ListFunctions"));
        routes.MapGet(Functions + "/{name}", (HttpContext c, string name) => HandleAsync(c, () => GetAsync(c, name, control))).WithMetadata(new LambdaAction("GetFunction"));
        routes.MapGet(Functions + "/{name}/configuration", (HttpContext c, string name) => HandleAsync(c, () =>
        {
            var (function, version) = Qualified(c, name, control);
            return WriteAsync(c, 200, ControlPlaneShapes.Configuration(function, version), json.FunctionConfigurationShape);
        })).WithMetadata(new LambdaAction("GetFunctionConfiguration"));
        routes.MapDelete(Functions + "/{name}", (HttpContext c, string name) => HandleAsync(c, async () =>
        {
            var reference = Reference(c, name);
            await control.DeleteFunctionAsync(reference.Name, reference.Qualifier).ConfigureAwait(false);
            NoContent(c);
        })).WithMetadata(new LambdaAction("DeleteFunction"));
        routes.MapPut(Functions + "/{name}/configuration", (HttpContext c, string name) => HandleAsync(c, () => UpdateConfigurationAsync(c, name, control))).WithMetadata(new LambdaAction("UpdateFunctionConfiguration"));
        routes.MapPut(Functions + "/{name}/code", (HttpContext c, string name) => HandleAsync(c, () => UpdateCodeAsync(c, name, control))).WithMetadata(new LambdaAction("UpdateFunctionCode"));
    }

    /// <summary>The function and the published version (null for $LATEST) a name and Qualifier point at.</summary>
    public static (LambdaFunction Function, FunctionVersion? Version) Qualified(HttpContext context, string name, ControlPlaneService control)
    {
        var reference = Reference(context, name);
        var (function, version, _) = control.FindQualified(reference.Name, reference.Qualifier);
        return (function, version == ControlPlaneValues.Latest ? null : function.Versions[version]);
    }

    private static async Task CreateAsync(HttpContext context, ControlPlaneService control)
    {
        var request = await ReadAsync(context, ControlPlaneJsonContext.Default.CreateFunctionRequest).ConfigureAwait(false);
        ControlPlaneService.CheckDeadLetterTarget(request.DeadLetterConfig?.TargetArn);
        var problems = new List<string>();
        if (string.IsNullOrEmpty(request.FunctionName))
        {
            problems.Add("FunctionName is required.");
        }
        if (string.IsNullOrEmpty(request.Runtime))
        {
            problems.Add("Runtime is required (Ember runs zip packages: " + Templates.RuntimeNames.SupportedList + ").");
        }
        if (request.PackageType is not (null or ControlPlaneValues.PackageTypeZip))
        {
            problems.Add($"PackageType '{request.PackageType}' is not supported; Ember runs Zip packages.");
        }
        if (request.Code?.S3Bucket is not null || request.Code?.ImageUri is not null)
        {
            problems.Add("Code.S3Bucket and Code.ImageUri are not supported; upload the zip inline (Code.ZipFile, --zip-file fileb://function.zip).");
        }
        else if (request.Code?.ZipFile is not { Length: > 0 })
        {
            problems.Add("Code.ZipFile is required (--zip-file fileb://function.zip).");
        }
        if (request.Architectures is { Count: not 1 })
        {
            problems.Add("Architectures must name exactly one architecture.");
        }
        if (problems.Count > 0)
        {
            throw ControlPlaneException.InvalidParameters(problems);
        }
        var configuration = new FunctionConfiguration
        {
            Name = request.FunctionName!,
            Runtime = request.Runtime!,
            Handler = request.Handler ?? "",
            CodeDirectory = "",
            MemoryMb = request.MemorySize ?? 128,
            TimeoutSeconds = request.Timeout ?? 3,
            Architecture = request.Architectures?[0] ?? ControlPlaneValues.ArchitectureX86,
            Environment = Variables(request.Environment),
            Description = request.Description ?? "",
            Role = request.Role ?? "",
            Logging = Logging(request.LoggingConfig, null),
        };
        var function = await control.CreateFunctionAsync(configuration, request.Code!.ZipFile!, request.Publish == true).ConfigureAwait(false);
        var published = request.Publish == true ? function.Versions.Values.MaxBy(v => int.Parse(v.Number, System.Globalization.CultureInfo.InvariantCulture)) : null;
        await WriteAsync(context, 201, ControlPlaneShapes.Configuration(function, published), ControlPlaneJsonContext.Default.FunctionConfigurationShape).ConfigureAwait(false);
    }

    private static Task GetAsync(HttpContext context, string name, ControlPlaneService control)
    {
        var (function, version) = Qualified(context, name, control);
        var configuration = version?.Configuration ?? function.Configuration;
        var response = new GetFunctionResponse
        {
            Configuration = ControlPlaneShapes.Configuration(function, version),
            Code = new FunctionCodeLocationShape { Location = new Uri(configuration.CodeDirectory).AbsoluteUri },
            Concurrency = function.ReservedConcurrency is { } reserved ? new ConcurrencyShape { ReservedConcurrentExecutions = reserved } : null,
        };
        return WriteAsync(context, 200, response, ControlPlaneJsonContext.Default.GetFunctionResponse);
    }

    private static async Task UpdateConfigurationAsync(HttpContext context, string name, ControlPlaneService control)
    {
        var reference = Reference(context, name, allowQualifier: false);
        var request = await ReadAsync(context, ControlPlaneJsonContext.Default.UpdateFunctionConfigurationRequest).ConfigureAwait(false);
        ControlPlaneService.CheckDeadLetterTarget(request.DeadLetterConfig?.TargetArn);
        FunctionConfigurationShape? answer = null;
        await control.UpdateConfigurationAsync(reference.Name, old => old with
        {
            Runtime = request.Runtime ?? old.Runtime,
            Handler = request.Handler ?? old.Handler,
            MemoryMb = request.MemorySize ?? old.MemoryMb,
            TimeoutSeconds = request.Timeout ?? old.TimeoutSeconds,
            Environment = request.Environment is null ? old.Environment : Variables(request.Environment),
            Description = request.Description ?? old.Description,
            Role = request.Role ?? old.Role,
            Logging = Logging(request.LoggingConfig, old.Logging),
        }, (function, next) => answer = ControlPlaneShapes.Configuration(function, null, next), request.RevisionId).ConfigureAwait(false);
        // Lambda answers while the update is InProgress; `aws lambda wait function-updated` then polls to Successful.
        await WriteAsync(context, 200, answer!, ControlPlaneJsonContext.Default.FunctionConfigurationShape).ConfigureAwait(false);
    }

    /// <summary>A request's LoggingConfig over the current one (each field it names replaces that field), checked as Lambda checks it.</summary>
    private static LoggingConfig? Logging(LoggingConfigShape? request, LoggingConfig? current)
    {
        if (request is null)
        {
            return current;
        }
        var format = request.LogFormat ?? current?.LogFormat ?? LoggingConfig.Text;
        var next = new LoggingConfig(format,
            request.ApplicationLogLevel ?? (format == LoggingConfig.Json ? current?.ApplicationLogLevel : null),
            request.SystemLogLevel ?? (format == LoggingConfig.Json ? current?.SystemLogLevel : null),
            request.LogGroup ?? current?.LogGroup);
        if (next.Problems().ToList() is { Count: > 0 } problems)
        {
            throw ControlPlaneException.InvalidParameters(problems);
        }
        return next;
    }

    private static async Task UpdateCodeAsync(HttpContext context, string name, ControlPlaneService control)
    {
        var reference = Reference(context, name, allowQualifier: false);
        var request = await ReadAsync(context, ControlPlaneJsonContext.Default.UpdateFunctionCodeRequest).ConfigureAwait(false);
        if (request.S3Bucket is not null || request.ImageUri is not null)
        {
            throw ControlPlaneException.InvalidParameter("S3Bucket and ImageUri are not supported; upload the zip inline (ZipFile, --zip-file fileb://function.zip).");
        }
        if (request.ZipFile is not { Length: > 0 })
        {
            throw ControlPlaneException.InvalidParameter("ZipFile is required (--zip-file fileb://function.zip).");
        }
        FunctionConfigurationShape? answer = null;
        await control.UpdateCodeAsync(reference.Name, request.ZipFile, (function, next) => answer = ControlPlaneShapes.Configuration(function, null, next),
            request.RevisionId, request.Publish == true).ConfigureAwait(false);
        await WriteAsync(context, 200, answer!, ControlPlaneJsonContext.Default.FunctionConfigurationShape).ConfigureAwait(false);
    }

    private static ImmutableSortedDictionary<string, string> Variables(EnvironmentShape? environment) =>
        (environment?.Variables ?? []).ToImmutableSortedDictionary(StringComparer.Ordinal);
}
