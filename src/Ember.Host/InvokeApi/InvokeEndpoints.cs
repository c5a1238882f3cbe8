using Ember.Host.Auth;
using System.Text;
using System.Text.Json;
using Ember.Host.Functions;
using Ember.Host.Invocations;
using Ember.Host.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ember.Host.InvokeApi;

/// <summary>Lambda's Invoke API (POST /2015-03-31/functions/{name}/invocations) (the control plane is in ControlPlane/).</summary>
internal static class InvokeEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, EmberHost host)
    {
        routes.MapPost("/2015-03-31/functions/{name}/invocations", (HttpContext context, string name) => InvokeAsync(context, name, host)).WithMetadata(new LambdaAction("InvokeFunction"));
    }

    private static async Task InvokeAsync(HttpContext context, string name, EmberHost host)
    {
        var request = context.Request;
        var response = context.Response;
        if (!FunctionReference.TryParse(Uri.UnescapeDataString(name), request.Query["Qualifier"], out var reference)
            || !ControlPlane.FunctionValidation.IsFunctionName(reference.Name))
        {
            await ApiError.WriteAsync(context, 400, ErrorTypes.InvalidParameterValue, $"FunctionName '{Uri.UnescapeDataString(name)}' is not a valid function name, ARN or qualified name.").ConfigureAwait(false);
            return;
        }
        var invocationType = request.Headers[InvokeApiHeaders.InvocationType].ToString() is { Length: > 0 } t ? t : InvokeApiHeaders.RequestResponse;
        if (invocationType is not (InvokeApiHeaders.RequestResponse or InvokeApiHeaders.Event or InvokeApiHeaders.DryRun))
        {
            await ApiError.WriteAsync(context, 400, ErrorTypes.InvalidParameterValue,
                $"X-Amz-Invocation-Type '{invocationType}' is not one of RequestResponse, Event, DryRun.").ConfigureAwait(false);
            return;
        }
        var limit = invocationType == InvokeApiHeaders.Event ? LambdaLimits.AsyncPayloadBytes : LambdaLimits.SyncPayloadBytes;
        var payload = await RequestBody.ReadAsync(request, limit, context.RequestAborted).ConfigureAwait(false);
        if (payload is null)
        {
            await ApiError.WriteAsync(context, 413, ErrorTypes.RequestTooLarge,
                $"Request must be smaller than {limit} bytes for the InvokeFunction operation").ConfigureAwait(false);
            return;
        }
        if (payload.Length > 0 && !IsJson(payload, out var jsonError))
        {
            await ApiError.WriteAsync(context, 400, ErrorTypes.InvalidRequestContent, $"Could not parse request body into json: {jsonError}").ConfigureAwait(false);
            return;
        }
        string? clientContext = null;
        if (request.Headers[InvokeApiHeaders.ClientContext].ToString() is { Length: > 0 } encoded)
        {
            if (encoded.Length > LambdaLimits.ClientContextBytes)
            {
                await ApiError.WriteAsync(context, 400, ErrorTypes.InvalidParameterValue,
                    $"Client context must be at most {LambdaLimits.ClientContextBytes} bytes base64-encoded; it is {encoded.Length}.").ConfigureAwait(false);
                return;
            }
            if (!TryDecodeClientContext(encoded, out clientContext))
            {
                await ApiError.WriteAsync(context, 400, ErrorTypes.InvalidRequestContent, "Client context must be a valid Base64-encoded JSON object.").ConfigureAwait(false);
                return;
            }
        }
        if (!reference.IsOn(host.Options.Region, HostIdentity.AccountId) || !host.Functions.TryGet(reference.Name, out var function) || !function.HasQualifier(reference.Qualifier))
        {
            await ApiError.NotFoundAsync(context, reference.Region is null
                ? HostIdentity.FunctionArn(host.Options.Region, reference.Name, reference.Qualifier)
                : Uri.UnescapeDataString(name)).ConfigureAwait(false);
            return;
        }

        var invoke = new InvokeRequest
        {
            FunctionName = reference.Name,
            Function = function,
            Qualifier = reference.Qualifier,
            Payload = payload,
            ClientContext = clientContext,
            TailLog = string.Equals(request.Headers[InvokeApiHeaders.LogType], InvokeApiHeaders.Tail, StringComparison.Ordinal),
        };
        switch (invocationType)
        {
            case InvokeApiHeaders.DryRun:
                response.StatusCode = 204;
                return;
            case InvokeApiHeaders.Event:
                // One id for the event: the 202, the function's context, REPORT and the record, through every retry.
                // It is answered 202 only once it is on disk: from then on a crash of the host cannot lose it.
                var requestId = await host.Events.EnqueueAsync(invoke with { RequestId = Guid.NewGuid().ToString(), Function = null }).ConfigureAwait(false);
                response.StatusCode = 202;
                response.Headers[InvokeApiHeaders.RequestId] = requestId;
                return;
        }

        var result = await host.Invocations.InvokeAsync(invoke, context.RequestAborted).ConfigureAwait(false);
        switch (result.Kind)
        {
            case InvokeResultKind.NotFound:
                await ApiError.NotFoundAsync(context, result.ResourceArn!).ConfigureAwait(false);
                return;
            case InvokeResultKind.Throttled:
                await ApiError.ThrottledAsync(context, result.ThrottleReason!).ConfigureAwait(false);
                return;
        }
        var outcome = result.Outcome!;
        if (outcome.Kind == InvocationOutcomeKind.StartFailure && outcome.ErrorType == ErrorTypes.InvalidRuntime)
        {
            await ApiError.WriteAsync(context, 502, ErrorTypes.InvalidRuntime, Encoding.UTF8.GetString(outcome.Body.Span)).ConfigureAwait(false);
            return;
        }
        response.StatusCode = 200;
        response.ContentType = "application/json";
        response.Headers[InvokeApiHeaders.RequestId] = result.RequestId;
        response.Headers[InvokeApiHeaders.ExecutedVersion] = result.ExecutedVersion;
        if (outcome.IsError)
        {
            response.Headers[InvokeApiHeaders.FunctionError] = InvokeApiHeaders.Unhandled;
        }
        if (result.LogTail is not null)
        {
            response.Headers[InvokeApiHeaders.LogResult] = result.LogTail;
        }
        response.ContentLength = outcome.Body.Length;
        await response.Body.WriteAsync(outcome.Body, context.RequestAborted).ConfigureAwait(false);
    }

    private static bool IsJson(byte[] payload, out string error)
    {
        try
        {
            var reader = new Utf8JsonReader(payload);
            while (reader.Read())
            {
            }
            error = "";
            return true;
        }
        catch (JsonException e)
        {
            error = e.Message;
            return false;
        }
    }

    private static bool TryDecodeClientContext(string encoded, out string? json)
    {
        json = null;
        try
        {
            var bytes = Convert.FromBase64String(encoded);
            using var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }
            json = Encoding.UTF8.GetString(bytes);
            return true;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return false;
        }
    }
}
