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
        routes.MapPost("/2015-03-31/functions/{name}/invocations", (HttpContext context, string name) => InvokeAsync(context, name, host, streaming: false))
            .WithMetadata(new LambdaAction("InvokeFunction"));
        routes.MapPost("/2021-11-15/functions/{name}/response-streaming-invocations", (HttpContext context, string name) => InvokeAsync(context, name, host, streaming: true))
            .WithMetadata(new LambdaAction("InvokeFunction"));
    }

    /// <param name="streaming">
    /// InvokeWithResponseStream: the answer is an event stream (PayloadChunk events as the function produces its
    /// response, then InvokeComplete), and Event invocations are not taken.
    /// </param>
    private static async Task InvokeAsync(HttpContext context, string name, EmberHost host, bool streaming)
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
        if (streaming && invocationType == InvokeApiHeaders.Event)
        {
            await ApiError.WriteAsync(context, 400, ErrorTypes.InvalidParameterValue,
                "InvokeWithResponseStream takes X-Amz-Invocation-Type RequestResponse or DryRun; use Invoke for an Event invocation.").ConfigureAwait(false);
            return;
        }
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

        if (streaming)
        {
            await InvokeStreamingAsync(context, host, invoke).ConfigureAwait(false);
            return;
        }
        var result = await host.Invocations.InvokeAsync(invoke, context.RequestAborted).ConfigureAwait(false);
        if (await AnsweredUnrunAsync(context, result).ConfigureAwait(false))
        {
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

    /// <summary>
    /// InvokeWithResponseStream's answer: 200 with an event stream, whose PayloadChunk events carry the response as the
    /// function streams it (or, when it does not stream, whole in one), then InvokeComplete with the error, if any, and
    /// the log tail. Before anything is sent, a missing function or a throttle is answered as Invoke answers it.
    /// </summary>
    private static async Task InvokeStreamingAsync(HttpContext context, EmberHost host, InvokeRequest invoke)
    {
        var response = context.Response;
        var requestId = Guid.NewGuid().ToString();
        var started = false;
        async Task StartAsync(string version)
        {
            response.StatusCode = 200;
            response.ContentType = EventStreamFrames.ContentType;
            response.Headers[InvokeApiHeaders.RequestId] = requestId;
            response.Headers[InvokeApiHeaders.ExecutedVersion] = version;
            await response.StartAsync(context.RequestAborted).ConfigureAwait(false);
            started = true;
        }
        async Task WriteAsync(byte[] frame, CancellationToken cancellationToken)
        {
            await response.Body.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
            await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        var result = await host.Invocations.InvokeAsync(invoke with
        {
            RequestId = requestId,
            OnStream = async stream =>
            {
                await StartAsync(stream.ExecutedVersion).ConfigureAwait(false);
                await stream.RelayAsync((piece, token) => new ValueTask(WriteAsync(EventStreamFrames.Chunk(piece.Span), token)), context.RequestAborted).ConfigureAwait(false);
            },
        }, context.RequestAborted).ConfigureAwait(false);
        if (!started)
        {
            if (await AnsweredUnrunAsync(context, result).ConfigureAwait(false))
            {
                return;
            }
            await StartAsync(result.ExecutedVersion).ConfigureAwait(false);
            if (result.Outcome is { IsError: false, Body.Length: > 0 } whole)
            {
                await WriteAsync(EventStreamFrames.Chunk(whole.Body.Span), context.RequestAborted).ConfigureAwait(false);
            }
        }
        var outcome = result.Outcome;
        await WriteAsync(EventStreamFrames.Complete(
            outcome is { IsError: true } ? outcome.ErrorType ?? RuntimeApiRoutes.UnhandledErrorType : null,
            outcome is { IsError: true } ? Encoding.UTF8.GetString(outcome.Body.Span) : null,
            result.LogTail), context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Answers an invocation that did not run (no such function, or throttled) as Lambda does; false when it ran.</summary>
    private static async Task<bool> AnsweredUnrunAsync(HttpContext context, InvokeResult result)
    {
        switch (result.Kind)
        {
            case InvokeResultKind.NotFound:
                await ApiError.NotFoundAsync(context, result.ResourceArn!).ConfigureAwait(false);
                return true;
            case InvokeResultKind.Throttled:
                await ApiError.ThrottledAsync(context, result.ThrottleReason!).ConfigureAwait(false);
                return true;
            default:
                return false;
        }
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
