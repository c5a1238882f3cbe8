using System.Text;
using Ember.Host.Wire;
using Microsoft.AspNetCore.Http;

namespace Ember.Host.InvokeApi;

/// <summary>Lambda's API errors: a status, x-amzn-ErrorType, and the body {"Type":"User","message":"…"}.</summary>
internal static class ApiError
{
    public static Task WriteAsync(HttpContext context, int status, string errorType, string message, string? reason = null)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.Headers[InvokeApiHeaders.ErrorType] = errorType;
        // Lambda names every answer, refusals included, with a request id.
        if (!response.Headers.ContainsKey(InvokeApiHeaders.RequestId))
        {
            response.Headers[InvokeApiHeaders.RequestId] = Guid.NewGuid().ToString();
        }
        var type = status >= 500 ? "Service" : "User";
        var body = reason is null
            ? $"{{\"Type\":\"{type}\",\"message\":{Json.Quote(message)}}}"
            : $"{{\"Reason\":{Json.Quote(reason)},\"Type\":\"{type}\",\"message\":{Json.Quote(message)}}}";
        return response.Body.WriteAsync(Encoding.UTF8.GetBytes(body)).AsTask();
    }

    public static Task NotFoundAsync(HttpContext context, string arn) =>
        WriteAsync(context, 404, ErrorTypes.ResourceNotFound, $"Function not found: {arn}");

    public static Task ThrottledAsync(HttpContext context, string reason) =>
        WriteAsync(context, 429, ErrorTypes.TooManyRequests, "Rate Exceeded.", reason);
}
