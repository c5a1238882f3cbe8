using System.Globalization;
using System.Text;

namespace Ember.Lambda.RuntimeApi;

/// <summary>The four Runtime API calls a runtime makes, with their expected statuses.</summary>
internal sealed class RuntimeApiClient : IDisposable
{
    // Lambda's longest timeout: used only when a host forgets the deadline header.
    private static readonly TimeSpan MissingDeadlineFallback = TimeSpan.FromMinutes(15);

    private readonly RuntimeApiConnection _connection;

    public RuntimeApiClient(string endpoint)
    {
        _connection = new RuntimeApiConnection(endpoint);
    }

    /// <summary>The event of the invocation last returned by <see cref="Next"/>, until the next call.</summary>
    public ReadOnlyMemory<byte> EventBody => _connection.Body.WrittenMemory;

    /// <summary>Waits, with no time limit, for the next invocation.</summary>
    public Invocation Next()
    {
        var response = _connection.Send("GET", RuntimeApiWire.NextPath, null, null, [], hasBody: false, errorType: null);
        if (response.Status != RuntimeApiWire.StatusOk)
        {
            throw Unexpected("GET", RuntimeApiWire.NextPath, response.Status);
        }

        if (string.IsNullOrEmpty(response.RequestId))
        {
            throw LambdaRuntimeException.Malformed($"/next without {RuntimeApiWire.RequestIdHeader}");
        }

        var deadline = long.TryParse(response.Deadline, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? ms
            : DateTimeOffset.UtcNow.Add(MissingDeadlineFallback).ToUnixTimeMilliseconds();
        return new Invocation(
            response.RequestId,
            deadline,
            response.InvokedFunctionArn ?? string.Empty,
            response.TraceId ?? string.Empty,
            response.ClientContext,
            response.CognitoIdentity);
    }

    public void PostResponse(string requestId, ReadOnlySpan<byte> body) =>
        Post(RuntimeApiWire.InvocationPathPrefix, requestId, RuntimeApiWire.ResponseSuffix, body, errorType: null);

    /// <summary>Starts a streamed response for <paramref name="requestId"/>.</summary>
    public void BeginStream(string requestId, string contentType) => _connection.BeginStream(requestId, contentType);

    public void SendChunk(ReadOnlySpan<byte> data) => _connection.SendChunk(data);

    /// <summary>Ends a streamed response: with nothing more, or with the error the handler failed with (in the trailers).</summary>
    public void EndStream(string requestId, ReadOnlySpan<byte> errorJson, string? errorType)
    {
        var response = _connection.EndStream(errorType, errorType is null ? null : Convert.ToBase64String(errorJson));
        if (response.Status != RuntimeApiWire.StatusAccepted)
        {
            throw Unexpected("POST", RuntimeApiWire.InvocationPathPrefix + requestId + RuntimeApiWire.ResponseSuffix, response.Status);
        }
    }

    public void PostError(string requestId, ReadOnlySpan<byte> errorJson, string errorType) =>
        Post(RuntimeApiWire.InvocationPathPrefix, requestId, RuntimeApiWire.ErrorSuffix, errorJson, errorType);

    public void PostInitError(ReadOnlySpan<byte> errorJson, string errorType) =>
        Post(RuntimeApiWire.InitErrorPath, null, null, errorJson, errorType);

    private void Post(string pathStart, string? pathMiddle, string? pathEnd, ReadOnlySpan<byte> body, string? errorType)
    {
        var response = _connection.Send("POST", pathStart, pathMiddle, pathEnd, body, hasBody: true, errorType);
        if (response.Status != RuntimeApiWire.StatusAccepted)
        {
            throw Unexpected("POST", pathStart + pathMiddle + pathEnd, response.Status);
        }
    }

    private LambdaRuntimeException Unexpected(string method, string path, int status)
    {
        var body = _connection.Body.WrittenSpan;
        var text = Encoding.UTF8.GetString(body[..Math.Min(body.Length, 1024)]);
        return LambdaRuntimeException.UnexpectedStatus(method, path, status, text);
    }

    /// <summary>Unblocks a pending <see cref="Next"/> from another thread.</summary>
    public void Abort() => _connection.Abort();

    public void Dispose() => _connection.Dispose();
}
