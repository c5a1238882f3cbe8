using System.Collections.Concurrent;
using Ember.Lab.Load;
using Ember.Lab.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Ember.Lab.Tests.Load;

public sealed class LoadGeneratorTests
{
    [Fact]
    public async Task RunAsync_ClosedLoop_RecordsEveryRequestWithItsRequestIdAndNeverExceedsConcurrency()
    {
        // Given a server that answers with a fresh request id and counts requests in flight
        var issued = new ConcurrentBag<string>();
        var bodies = new ConcurrentBag<long>();
        var inFlight = 0;
        var maxInFlight = 0;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref maxInFlight, now);
            using var reader = new StreamReader(context.Request.Body);
            bodies.Add((await reader.ReadToEndAsync()).Length);
            await Task.Yield();
            var id = Guid.NewGuid().ToString();
            issued.Add(id);
            context.Response.Headers[LoadHttp.RequestIdHeader] = id;
            Interlocked.Decrement(ref inFlight);
            await context.Response.WriteAsync("{\"ok\":true}");
        });
        using var client = LoadHttp.CreateClient(4, TimeSpan.FromSeconds(10));
        var options = new LoadOptions { Url = server.BaseUrl, Body = "[1,2,3]"u8.ToArray(), Requests = 40, Concurrency = 4 };

        // When 40 requests go out 4 at a time
        var result = await new LoadGenerator(client).RunAsync(options, CancellationToken.None);

        // Then every request is recorded, successful, matched to the id the server gave it
        Assert.Equal(40, result.Samples.Count);
        Assert.All(result.Samples, s => Assert.True(s.IsSuccess));
        Assert.Equal(issued.Order(), result.Samples.Select(s => s.RequestId!).Order());
        Assert.All(result.Samples, s => Assert.Equal(11, s.ResponseBytes));
        Assert.All(bodies, b => Assert.Equal(7, b));
        Assert.InRange(maxInFlight, 1, 4);
        var summary = result.Summarize();
        Assert.Equal(40, summary.Count);
        Assert.Equal(0, summary.Errors);
        Assert.True(summary.MinMs <= summary.P50Ms && summary.P50Ms <= summary.P95Ms && summary.P95Ms <= summary.P99Ms && summary.P99Ms <= summary.MaxMs);
    }

    [Fact]
    public async Task RunAsync_ServerErrorsAndStatuses_CountsNon2xxAsErrors()
    {
        // Given a server that fails every third request
        var count = 0;
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = Interlocked.Increment(ref count) % 3 == 0 ? 500 : 200;
            return Task.CompletedTask;
        });
        using var client = LoadHttp.CreateClient(1, TimeSpan.FromSeconds(10));

        // When 9 requests go out one at a time
        var result = await new LoadGenerator(client).RunAsync(new LoadOptions { Url = server.BaseUrl, Requests = 9, Concurrency = 1 }, CancellationToken.None);

        // Then 3 are errors, and the summary is over the 6 others
        Assert.Equal(3, result.Errors);
        Assert.Equal(new Dictionary<int, int> { [200] = 6, [500] = 3 }, result.StatusCounts);
        Assert.Equal(6, result.Summarize().Count);
        Assert.Equal(3, result.Summarize().Errors);
    }

    [Fact]
    public async Task RunAsync_NothingListening_RecordsConnectionErrorsInsteadOfThrowing()
    {
        // Given a loopback port with no server on it any more
        Uri url;
        await using (var server = await LoopbackServer.StartAsync(_ => Task.CompletedTask))
        {
            url = server.BaseUrl;
        }

        using var client = LoadHttp.CreateClient(2, TimeSpan.FromSeconds(5));

        // When requests are sent there
        var result = await new LoadGenerator(client).RunAsync(new LoadOptions { Url = url, Requests = 2, Concurrency = 2 }, CancellationToken.None);

        // Then each is an error with a reason, status 0
        Assert.Equal(2, result.Errors);
        Assert.All(result.Samples, s => Assert.NotNull(s.Error));
        Assert.All(result.Samples, s => Assert.Equal(0, s.StatusCode));
    }

    [Fact]
    public async Task RunAsync_OpenLoop_TimesEachRequestFromItsScheduledSlot()
    {
        // Given a server and a rate of 200 requests per second
        await using var server = await LoopbackServer.StartAsync(context => context.Response.WriteAsync("ok"));
        using var client = LoadHttp.CreateClient(4, TimeSpan.FromSeconds(10));
        var options = new LoadOptions { Url = server.BaseUrl, Requests = 20, Concurrency = 4, RatePerSecond = 200 };

        // When the open-loop run is made
        var result = await new LoadGenerator(client).RunAsync(options, CancellationToken.None);

        // Then request i is timed from i × 5 ms, whenever it actually left (no coordinated omission)
        Assert.Equal(20, result.Samples.Count);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(i * 5.0, result.Samples[i].StartOffsetMs, precision: 9);
            Assert.True(result.Samples[i].IsSuccess);
        }
    }

    [Fact]
    public void Validate_BadOptions_NamesEveryFlag()
    {
        // Given options wrong in three ways
        var options = new LoadOptions { Url = new Uri("ftp://127.0.0.1/"), Requests = 0, Concurrency = 0, RatePerSecond = -1 };

        // When validated
        var errors = options.Validate();

        // Then each problem is reported, naming its flag
        Assert.Contains(errors, e => e.StartsWith("url:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("-n:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("-c:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("--rate:", StringComparison.Ordinal));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    [Fact]
    public async Task RunAsync_InvokeApiAnswers_PrepareAddsHeadersFunctionErrorsCountAndTheLogTailIsKept()
    {
        // Given an Invoke API that fails every other invocation (200 with X-Amz-Function-Error) and returns the log tail when asked
        var count = 0;
        var prepared = new ConcurrentBag<string>();
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            prepared.Add(context.Request.Headers["X-Amz-Log-Type"].ToString());
            var id = Guid.NewGuid().ToString();
            context.Response.Headers[LoadHttp.RequestIdHeader] = id;
            context.Response.Headers[LoadHttp.LogResultHeader] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(
                $"START RequestId: {id} Version: $LATEST\nEND RequestId: {id}\nREPORT RequestId: {id}\tDuration: 2.50 ms\tBilled Duration: 3 ms\tMemory Size: 256 MB\tMax Memory Used: 31 MB\t\n"));
            if (Interlocked.Increment(ref count) % 2 == 0)
            {
                context.Response.Headers[LoadHttp.FunctionErrorHeader] = "Unhandled";
            }
            await context.Response.WriteAsync("{}");
        });
        using var client = LoadHttp.CreateClient(1, TimeSpan.FromSeconds(10));
        var options = new LoadOptions
        {
            Url = server.BaseUrl,
            Body = "{}"u8.ToArray(),
            Requests = 4,
            Concurrency = 1,
            Prepare = (request, _) => request.Headers.Add("X-Amz-Log-Type", "Tail"),
        };

        var result = await new LoadGenerator(client).RunAsync(options, CancellationToken.None);

        Assert.All(prepared, value => Assert.Equal("Tail", value));
        Assert.Equal(2, result.Errors);
        Assert.All(result.Samples.Where(s => !s.IsSuccess), s => Assert.Equal("function error (Unhandled)", s.Error));
        Assert.All(result.Samples, s =>
        {
            var report = Ember.Lab.Runner.ServerReport.FromLogTail(s.LogTail!)!;
            Assert.Equal((s.RequestId, 2.5, 3.0, 256, 31.0, (double?)null),
                (report.RequestId, report.DurationMs, report.BilledDurationMs, report.MemorySizeMb, report.MaxMemoryUsedMb, report.InitDurationMs));
        });
    }
}
