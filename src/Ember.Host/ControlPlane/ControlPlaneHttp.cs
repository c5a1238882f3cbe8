using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Ember.Host.Functions;
using Ember.Host.InvokeApi;
using Microsoft.AspNetCore.Http;

namespace Ember.Host.ControlPlane;

/// <summary>What every control-plane endpoint does around its operation: parse the name, read the body, answer JSON or an AWS-shaped error.</summary>
internal static class ControlPlaneHttp
{
    /// <summary>Zips up to Lambda's 50 MB, base64 in JSON: a little over 4/3 of it.</summary>
    private const int MaxBodyBytes = 70 * 1024 * 1024;

    /// <summary>Runs <paramref name="operation"/>, turning a refused request into Lambda's error response and malformed JSON into a 400.</summary>
    public static async Task HandleAsync(HttpContext context, Func<Task> operation)
    {
        try
        {
            await operation().ConfigureAwait(false);
        }
        catch (ControlPlaneException e)
        {
            await ApiError.WriteAsync(context, e.Status, e.ErrorType, e.Message).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && !context.Response.HasStarted)
        {
            // The data directory failed us (disk full, permissions): Lambda's ServiceException, with the cause.
            await ApiError.WriteAsync(context, 500, Wire.ErrorTypes.ServiceException, $"Ember could not store the change: {e.Message}").ConfigureAwait(false);
        }
    }

    public static FunctionReference Reference(HttpContext context, string name, bool allowQualifier = true)
    {
        var qualifier = allowQualifier ? context.Request.Query["Qualifier"].ToString() : null;
        if (!FunctionReference.TryParse(Uri.UnescapeDataString(name), string.IsNullOrEmpty(qualifier) ? null : qualifier, out var reference)
            || !FunctionValidation.IsFunctionName(reference.Name))
        {
            throw ControlPlaneException.InvalidParameter($"FunctionName '{Uri.UnescapeDataString(name)}' is not a valid function name, ARN or qualified name.");
        }
        return reference;
    }

    public static async Task<T> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> type) where T : class
    {
        var body = await RequestBody.ReadAsync(context.Request, MaxBodyBytes, context.RequestAborted).ConfigureAwait(false)
            ?? throw ControlPlaneException.InvalidParameter($"The request body is over {MaxBodyBytes} bytes; Lambda takes zips up to 50 MB inline.");
        if (body.Length == 0)
        {
            throw ControlPlaneException.InvalidRequestContent("The request body is empty; send a JSON object.");
        }
        try
        {
            return JsonSerializer.Deserialize(body, type) ?? throw ControlPlaneException.InvalidRequestContent("The request body is null; send a JSON object.");
        }
        catch (JsonException e)
        {
            // The serializer's own message names .NET types; say which field and where instead.
            var position = $"line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}";
            var problem = e.Path is { Length: > 1 } path
                ? $"the value of {path.TrimStart('$', '.')} is malformed or of the wrong type ({position})"
                : $"the body must be one JSON object ({position})";
            throw ControlPlaneException.InvalidRequestContent($"Could not parse request body into json: {problem}.");
        }
    }

    public static Task WriteAsync<T>(HttpContext context, int status, T value, JsonTypeInfo<T> type)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.Body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(value, type)).AsTask();
    }

    public static void NoContent(HttpContext context) => context.Response.StatusCode = 204;
}
