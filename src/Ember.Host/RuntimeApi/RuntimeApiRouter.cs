using System.Globalization;
using System.Text;
using System.Text.Json;
using Ember.Host.Invocations;
using Ember.Host.Wire;

namespace Ember.Host.RuntimeApi;

/// <summary>
/// The Runtime API's four routes over one environment's <see cref="IRuntimeApiSession"/>: parses the
/// path and the error documents, calls the session, and answers in Lambda's shapes.
/// </summary>
internal sealed class RuntimeApiRouter : IRuntimeApiHandler
{
    private readonly IRuntimeApiSession _session;
    private readonly int _maxResponseBytes;

    public RuntimeApiRouter(IRuntimeApiSession session, int maxResponseBytes)
    {
        _session = session;
        _maxResponseBytes = maxResponseBytes;
    }

    public async ValueTask<RuntimeApiResponse> HandleAsync(RuntimeApiRequest request, CancellationToken connectionClosed)
    {
        var path = request.Path;
        if (path == RuntimeApiRoutes.Next)
        {
            if (request.Method != "GET")
            {
                return MethodNotAllowed();
            }
            if (await _session.NextAsync(connectionClosed).ConfigureAwait(false) is { } invocation)
            {
                return Event(invocation);
            }
            // The environment is shutting down. As on Lambda, /next is not answered: the runtime is
            // stopped (SIGTERM, then SIGKILL) while it waits, and the connection closes with it. An
            // answer would only make runtimes log errors (a 410 traceback, "unexpected status code").
            await Task.Delay(Timeout.InfiniteTimeSpan, connectionClosed).ConfigureAwait(false);
            throw new OperationCanceledException(connectionClosed);
        }
        if (request.Method != "POST")
        {
            return path.StartsWith(RuntimeApiHeaders.ApiVersionPrefix, StringComparison.Ordinal) ? MethodNotAllowed() : NotFound(path);
        }
        if (path == RuntimeApiRoutes.InitError)
        {
            return Answer(_session.InitError(ErrorOf(request)), null);
        }
        if (!path.StartsWith(RuntimeApiRoutes.InvocationPrefix, StringComparison.Ordinal))
        {
            return NotFound(path);
        }
        var rest = path.AsSpan(RuntimeApiRoutes.InvocationPrefix.Length);
        var slash = rest.IndexOf('/');
        if (slash <= 0)
        {
            return NotFound(path);
        }
        var requestId = rest[..slash].ToString();
        var verb = rest[(slash + 1)..];
        if (verb.SequenceEqual(RuntimeApiRoutes.ResponseVerb))
        {
            if (request.BodyReader is { } streamed)
            {
                var stream = new ResponseStream(request.Header("Content-Type"), streamed, () => request.Trailers);
                return Answer(await _session.RespondStreamingAsync(requestId, stream).ConfigureAwait(false), requestId);
            }
            if (request.BodyTooLarge)
            {
                _session.RespondTooLarge(requestId);
                return RuntimeApiResponse.Error(413, ErrorTypes.ResponseSizeTooLarge, TooLargeMessage(_maxResponseBytes));
            }
            // A streamed response reports a failure mid-stream in its trailers.
            if (TrailerError(request.Trailers) is { } streamedError)
            {
                return Answer(_session.Error(requestId, streamedError), requestId);
            }
            return Answer(_session.Respond(requestId, request.Body), requestId);
        }
        if (verb.SequenceEqual(RuntimeApiRoutes.ErrorVerb))
        {
            return Answer(_session.Error(requestId, ErrorOf(request)), requestId);
        }
        return NotFound(path);
    }

    /// <summary>
    /// The error a streamed response reported in its trailers (Lambda-Runtime-Function-Error-Type, and the error
    /// document base64 in Lambda-Runtime-Function-Error-Body), or null when it reported none.
    /// </summary>
    internal static FunctionError? TrailerError(IReadOnlyDictionary<string, string>? trailers)
    {
        if (trailers?.GetValueOrDefault(RuntimeApiHeaders.FunctionErrorType) is not { } errorType)
        {
            return null;
        }
        var body = trailers.GetValueOrDefault(RuntimeApiHeaders.FunctionErrorBody) is { } b64 && TryBase64(b64, out var decoded)
            ? decoded
            : EmptyErrorDocument(errorType);
        return new FunctionError(errorType, body);
    }

    public static string TooLargeMessage(int limit) =>
        string.Create(CultureInfo.InvariantCulture, $"Response payload size exceeded maximum allowed payload size ({limit} bytes).");

    private static RuntimeApiResponse Event(Invocation invocation)
    {
        var response = new RuntimeApiResponse { Status = 200, Body = invocation.Payload };
        response.Headers.Add(new(RuntimeApiHeaders.RequestId, invocation.RequestId));
        response.Headers.Add(new(RuntimeApiHeaders.DeadlineMs, invocation.DeadlineUnixMs.ToString(CultureInfo.InvariantCulture)));
        response.Headers.Add(new(RuntimeApiHeaders.InvokedFunctionArn, invocation.InvokedFunctionArn));
        response.Headers.Add(new(RuntimeApiHeaders.TraceId, invocation.TraceId));
        if (invocation.ClientContext is not null)
        {
            response.Headers.Add(new(RuntimeApiHeaders.ClientContext, invocation.ClientContext));
        }
        if (invocation.CognitoIdentity is not null)
        {
            response.Headers.Add(new(RuntimeApiHeaders.CognitoIdentity, invocation.CognitoIdentity));
        }
        return response;
    }

    private static RuntimeApiResponse Answer(RuntimeApiCall call, string? requestId) => call switch
    {
        RuntimeApiCall.Accepted => RuntimeApiResponse.Accepted(),
        RuntimeApiCall.UnknownRequest => RuntimeApiResponse.Error(400, RuntimeApiRoutes.InvalidRequestId,
            $"request id {requestId} is not this environment's current invocation"),
        _ => RuntimeApiResponse.Error(403, RuntimeApiRoutes.InvalidStateTransition, "init/error is only accepted during init"),
    };

    /// <summary>The error a runtime reported: the type from the header or, when it says "Unhandled", from the body.</summary>
    internal static FunctionError ErrorOf(RuntimeApiRequest request)
    {
        var errorType = request.Header(RuntimeApiHeaders.FunctionErrorType);
        if (request.Body.Length == 0)
        {
            errorType ??= ErrorTypes.RuntimeUnknown;
            return new FunctionError(errorType, EmptyErrorDocument(errorType));
        }
        if (errorType is null or RuntimeApiRoutes.UnhandledErrorType)
        {
            errorType = ErrorTypeFromBody(request.Body) ?? errorType ?? ErrorTypes.RuntimeUnknown;
        }
        return new FunctionError(errorType, request.Body);
    }

    private static byte[] EmptyErrorDocument(string errorType) =>
        Encoding.UTF8.GetBytes($"{{\"errorType\":{Json.Quote(errorType)},\"errorMessage\":\"\"}}");

    private static string? ErrorTypeFromBody(byte[] body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isType = reader.ValueTextEquals("errorType"u8);
                reader.Read();
                if (isType && reader.TokenType == JsonTokenType.String)
                {
                    return reader.GetString();
                }
                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Not JSON: the error has no errorType of its own, and the header (or the default) names it.
        }
        return null;
    }

    private static bool TryBase64(string text, out byte[] bytes)
    {
        try
        {
            bytes = Convert.FromBase64String(text);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }

    private static RuntimeApiResponse NotFound(string path) =>
        RuntimeApiResponse.Error(404, RuntimeApiRoutes.InvalidRequest, $"no Runtime API route {path}");

    private static RuntimeApiResponse MethodNotAllowed() =>
        RuntimeApiResponse.Error(405, RuntimeApiRoutes.InvalidRequest, "method not allowed on this Runtime API route");
}
