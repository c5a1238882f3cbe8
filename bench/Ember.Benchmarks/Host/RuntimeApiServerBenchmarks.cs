using System.Net;
using BenchmarkDotNet.Attributes;
using Ember.Host.RuntimeApi;
using Ember.Lambda.Handlers;
using Ember.Lambda.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Ember.Benchmarks.Host;

/// <summary>
/// The server side of a warm invocation's Runtime API traffic, chosen by the numbers (issue 18): one GET /next
/// answered at once with an event, one POST /response answered 202, from Ember.Lambda's client over a kept-alive
/// loopback connection, against Ember's hand-written <see cref="RuntimeApiServer"/> and against Kestrel with minimal
/// endpoints on an empty builder (no logging, no configuration, no server header). The client and the work a real
/// host does around each call are the same for both.
/// Run: dotnet run -c Release --project bench/Ember.Benchmarks -- --filter '*RuntimeApiServer*'
/// </summary>
[MemoryDiagnoser]
public class RuntimeApiServerBenchmarks
{
    private static readonly byte[] Event = """{"name":"benchmark"}"""u8.ToArray();
    private static readonly byte[] Accepted = """{"status":"OK"}"""u8.ToArray();
    private static readonly string Deadline = DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    private RuntimeApiServer _handWritten = null!;
    private WebApplication _kestrel = null!;
    private LambdaRuntime _toHandWritten = null!;
    private LambdaRuntime _toKestrel = null!;
    private readonly InvocationHandler _empty = new RawInvocationHandler(static (_, _, _) => { });

    [GlobalSetup]
    public void Setup()
    {
        _handWritten = RuntimeApiServer.Start(new ImmediateHandler(), 6 * 1024 * 1024);
        _toHandWritten = Client(_handWritten.Address);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddRoutingCore();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.AddServerHeader = false;
        });
        _kestrel = builder.Build();
        _kestrel.MapGet("/2018-06-01/runtime/invocation/next", async context =>
        {
            var headers = context.Response.Headers;
            headers["Lambda-Runtime-Aws-Request-Id"] = "8476a536-e9f4-11e8-9739-2dfe598c3fcd";
            headers["Lambda-Runtime-Deadline-Ms"] = Deadline;
            headers["Lambda-Runtime-Invoked-Function-Arn"] = "arn:aws:lambda:us-east-1:123456789012:function:bench";
            headers["Lambda-Runtime-Trace-Id"] = "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1";
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = Event.Length;
            await context.Response.Body.WriteAsync(Event);
        });
        _kestrel.MapPost("/2018-06-01/runtime/invocation/{id}/response", async context =>
        {
            // As a host must: the whole response body is read before it is answered.
            while ((await context.Request.BodyReader.ReadAsync()) is var read && !read.IsCompleted)
            {
                context.Request.BodyReader.AdvanceTo(read.Buffer.End);
            }
            context.Response.StatusCode = 202;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = Accepted.Length;
            await context.Response.Body.WriteAsync(Accepted);
        });
        _kestrel.StartAsync().GetAwaiter().GetResult();
        var address = new Uri(_kestrel.Urls.First());
        _toKestrel = Client($"127.0.0.1:{address.Port}");
    }

    private static LambdaRuntime Client(string address) =>
        new(new FunctionEnvironment(address, "bench", "$LATEST", 1769, "/aws/lambda/bench", "stream"), new StdoutLogger(Stream.Null), TimeProvider.System);

    [Benchmark(Baseline = true)]
    public ValueTask HandWritten() => _toHandWritten.InvokeNextAsync(_empty);

    [Benchmark]
    public ValueTask Kestrel() => _toKestrel.InvokeNextAsync(_empty);

    [GlobalCleanup]
    public void Cleanup()
    {
        _toHandWritten.Dispose();
        _toKestrel.Dispose();
        _handWritten.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _kestrel.StopAsync().GetAwaiter().GetResult();
    }

    /// <summary>Answers /next at once with the event and a /response with 202, as a host with an invocation waiting does.</summary>
    private sealed class ImmediateHandler : IRuntimeApiHandler
    {
        public ValueTask<RuntimeApiResponse> HandleAsync(RuntimeApiRequest request, CancellationToken connectionClosed)
        {
            if (request.Method == "GET")
            {
                var next = new RuntimeApiResponse { Status = 200, Body = Event };
                next.Headers.Add(new("Lambda-Runtime-Aws-Request-Id", "8476a536-e9f4-11e8-9739-2dfe598c3fcd"));
                next.Headers.Add(new("Lambda-Runtime-Deadline-Ms", Deadline));
                next.Headers.Add(new("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:123456789012:function:bench"));
                next.Headers.Add(new("Lambda-Runtime-Trace-Id", "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1"));
                return ValueTask.FromResult(next);
            }
            return ValueTask.FromResult(RuntimeApiResponse.Accepted());
        }
    }
}
