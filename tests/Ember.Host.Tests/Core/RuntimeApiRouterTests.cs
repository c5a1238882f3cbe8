using System.Text;
using Ember.Host.Invocations;
using Ember.Host.RuntimeApi;

namespace Ember.Host.Tests.Core;

/// <summary>The router turns Runtime API requests into typed calls on the environment's session.</summary>
public sealed class RuntimeApiRouterTests
{
    private readonly RecordingSession _session = new();

    [Fact]
    public async Task Next_Get_ReturnsTheEventWithItsHeaders()
    {
        _session.Next = new Invocation("req-1", "{\"a\":1}"u8.ToArray()) { InvokedFunctionArn = "arn:x", DeadlineUnixMs = 42 };

        var response = await Route("GET", "/2018-06-01/runtime/invocation/next");

        Assert.Equal(200, response.Status);
        Assert.Equal("{\"a\":1}", Encoding.UTF8.GetString(response.Body.Span));
        Assert.Contains(new KeyValuePair<string, string>("Lambda-Runtime-Aws-Request-Id", "req-1"), response.Headers);
        Assert.Contains(new KeyValuePair<string, string>("Lambda-Runtime-Deadline-Ms", "42"), response.Headers);
        Assert.Contains(new KeyValuePair<string, string>("Lambda-Runtime-Invoked-Function-Arn", "arn:x"), response.Headers);
    }

    [Fact]
    public async Task Next_ShuttingDown_IsNotAnsweredUntilTheConnectionCloses()
    {
        // Given an environment shutting down (the session has no next invocation)
        using var connection = new CancellationTokenSource();
        var next = new RuntimeApiRouter(_session, 1000).HandleAsync(Request("GET", "/2018-06-01/runtime/invocation/next", ""), connection.Token).AsTask();

        // Then, as on Lambda, the runtime gets no answer to wait on: its connection is closed under it
        Assert.False(next.IsCompleted);
        await connection.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next);
    }

    [Fact]
    public async Task Response_Post_CallsRespondWithTheBody()
    {
        var response = await Route("POST", "/2018-06-01/runtime/invocation/req-1/response", "\"done\"");

        Assert.Equal(202, response.Status);
        Assert.Equal(("Respond", "req-1", "\"done\""), _session.Calls.Single());
    }

    [Fact]
    public async Task Error_HeaderSaysUnhandled_TakesTheTypeFromTheBody()
    {
        var response = await Route("POST", "/2018-06-01/runtime/invocation/req-1/error", """{"errorType":"ValueError","errorMessage":"x"}""",
            headers: new() { ["Lambda-Runtime-Function-Error-Type"] = "Unhandled" });

        Assert.Equal(202, response.Status);
        Assert.Equal("ValueError", _session.LastError!.ErrorType);
    }

    [Fact]
    public async Task Response_StreamedErrorInTrailers_IsAnError()
    {
        var body = Convert.ToBase64String("""{"errorType":"Boom","errorMessage":"mid-stream"}"""u8.ToArray());
        var request = Request("POST", "/2018-06-01/runtime/invocation/req-1/response", "partial");
        request.Trailers = new() { ["Lambda-Runtime-Function-Error-Type"] = "Boom", ["Lambda-Runtime-Function-Error-Body"] = body };

        var response = await new RuntimeApiRouter(_session, 100).HandleAsync(request, CancellationToken.None);

        Assert.Equal(202, response.Status);
        Assert.Equal("Boom", _session.LastError!.ErrorType);
        Assert.Contains("mid-stream", Encoding.UTF8.GetString(_session.LastError.Body.Span));
    }

    [Fact]
    public async Task Response_TooLarge_Answers413AndTellsTheSession()
    {
        var request = Request("POST", "/2018-06-01/runtime/invocation/req-1/response", "");
        request.BodyTooLarge = true;

        var response = await new RuntimeApiRouter(_session, 100).HandleAsync(request, CancellationToken.None);

        Assert.Equal(413, response.Status);
        Assert.Contains("Function.ResponseSizeTooLarge", Encoding.UTF8.GetString(response.Body.Span));
        Assert.Equal("RespondTooLarge", _session.Calls.Single().Call);
    }

    [Fact]
    public async Task Response_UnknownRequestId_Answers400()
    {
        _session.Answer = RuntimeApiCall.UnknownRequest;

        var response = await Route("POST", "/2018-06-01/runtime/invocation/other/response", "{}");

        Assert.Equal(400, response.Status);
        Assert.Contains("InvalidRequestID", Encoding.UTF8.GetString(response.Body.Span));
    }

    [Fact]
    public async Task InitError_AfterInit_Answers403()
    {
        _session.Answer = RuntimeApiCall.InvalidState;

        var response = await Route("POST", "/2018-06-01/runtime/init/error", "{}");

        Assert.Equal(403, response.Status);
        Assert.Contains("InvalidStateTransition", Encoding.UTF8.GetString(response.Body.Span));
    }

    [Theory]
    [InlineData("GET", "/2018-06-01/runtime/invocation/req-1/response", 405)]
    [InlineData("POST", "/2018-06-01/runtime/invocation/next", 405)]
    [InlineData("POST", "/2018-06-01/runtime/invocation/req-1/other", 404)]
    [InlineData("POST", "/elsewhere", 404)]
    public async Task OtherRoutes_AreRefusedWithoutCallingTheSession(string method, string path, int status)
    {
        var response = await Route(method, path, "{}");

        Assert.Equal(status, response.Status);
        Assert.Empty(_session.Calls);
    }

    private Task<RuntimeApiResponse> Route(string method, string path, string body = "", Dictionary<string, string>? headers = null) =>
        new RuntimeApiRouter(_session, 1000).HandleAsync(Request(method, path, body, headers), CancellationToken.None).AsTask();

    private static RuntimeApiRequest Request(string method, string path, string body, Dictionary<string, string>? headers = null) => new()
    {
        Method = method,
        Path = path,
        Headers = headers is null ? new(StringComparer.OrdinalIgnoreCase) : new(headers, StringComparer.OrdinalIgnoreCase),
        Body = Encoding.UTF8.GetBytes(body),
    };

    private sealed class RecordingSession : IRuntimeApiSession
    {
        public Invocation? Next { get; set; }
        public RuntimeApiCall Answer { get; set; } = RuntimeApiCall.Accepted;
        public List<(string Call, string RequestId, string Body)> Calls { get; } = [];
        public FunctionError? LastError { get; private set; }

        public ValueTask<Invocation?> NextAsync(CancellationToken connectionClosed) => ValueTask.FromResult(Next);

        public RuntimeApiCall Respond(string requestId, ReadOnlyMemory<byte> body)
        {
            Calls.Add(("Respond", requestId, Encoding.UTF8.GetString(body.Span)));
            return Answer;
        }

        public async ValueTask<RuntimeApiCall> RespondStreamingAsync(string requestId, ResponseStream stream)
        {
            var body = await stream.ReadAllAsync(long.MaxValue);
            Calls.Add(("RespondStreaming", requestId, Encoding.UTF8.GetString(body!)));
            return Answer;
        }

        public RuntimeApiCall RespondTooLarge(string requestId)
        {
            Calls.Add(("RespondTooLarge", requestId, ""));
            return Answer;
        }

        public RuntimeApiCall Error(string requestId, FunctionError error)
        {
            Calls.Add(("Error", requestId, Encoding.UTF8.GetString(error.Body.Span)));
            LastError = error;
            return Answer;
        }

        public RuntimeApiCall InitError(FunctionError error)
        {
            Calls.Add(("InitError", "", Encoding.UTF8.GetString(error.Body.Span)));
            LastError = error;
            return Answer;
        }
    }
}
