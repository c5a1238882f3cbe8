using System.Diagnostics;
using System.Net.Http.Headers;

namespace Ember.Lab.Load;

/// <summary>
/// Sends load to one URL and records every request: closed loop like <c>hey -n N -c C</c>, or open loop at
/// a fixed rate. The caller owns the <see cref="HttpClient"/> (see <see cref="LoadHttp.CreateClient"/>) so
/// connections stay warm across runs.
/// </summary>
internal sealed class LoadGenerator(HttpClient client)
{
    public async Task<LoadResult> RunAsync(LoadOptions options, CancellationToken cancellationToken)
    {
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, problems), nameof(options));
        }

        return options.RatePerSecond is { } rate
            ? await RunOpenLoopAsync(options, rate, cancellationToken).ConfigureAwait(false)
            : await RunClosedLoopAsync(options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One request on its own, as the cold-start phase sends it.</summary>
    public Task<RequestSample> SendOnceAsync(LoadOptions options, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        return SendAsync(options, clock, 0, cancellationToken);
    }

    private async Task<LoadResult> RunClosedLoopAsync(LoadOptions options, CancellationToken cancellationToken)
    {
        var samples = new RequestSample[options.Requests];
        var next = -1;
        var clock = Stopwatch.StartNew();

        async Task WorkerAsync()
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < options.Requests)
            {
                samples[index] = await SendAsync(options, clock, clock.Elapsed.TotalMilliseconds, cancellationToken).ConfigureAwait(false);
            }
        }

        var workers = new Task[Math.Min(options.Concurrency, options.Requests)];
        for (var worker = 0; worker < workers.Length; worker++)
        {
            workers[worker] = Task.Run(WorkerAsync, cancellationToken);
        }

        await Task.WhenAll(workers).ConfigureAwait(false);
        return new LoadResult(samples, clock.Elapsed);
    }

    private async Task<LoadResult> RunOpenLoopAsync(LoadOptions options, double ratePerSecond, CancellationToken cancellationToken)
    {
        var samples = new RequestSample[options.Requests];
        var inFlight = new Task[options.Requests];
        var intervalMs = 1000.0 / ratePerSecond;
        var clock = Stopwatch.StartNew();

        for (var index = 0; index < options.Requests; index++)
        {
            var intendedMs = index * intervalMs;
            var waitMs = intendedMs - clock.Elapsed.TotalMilliseconds;
            if (waitMs > 1)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(waitMs), cancellationToken).ConfigureAwait(false);
            }

            // Behind schedule, the request goes at once but keeps its intended start: the delay a slow
            // server caused is part of what the next request experiences.
            var slot = index;
            inFlight[index] = Task.Run(
                async () => samples[slot] = await SendAsync(options, clock, intendedMs, cancellationToken).ConfigureAwait(false),
                cancellationToken);
        }

        await Task.WhenAll(inFlight).ConfigureAwait(false);
        return new LoadResult(samples, clock.Elapsed);
    }

    private async Task<RequestSample> SendAsync(LoadOptions options, Stopwatch clock, double intendedStartMs, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(options.Method, options.Url);
        if (!options.Body.IsEmpty || options.Method == HttpMethod.Post || options.Method == HttpMethod.Put)
        {
            request.Content = new ReadOnlyMemoryContent(options.Body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(options.ContentType);
        }
        options.Prepare?.Invoke(request, options.Body);

        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var (bytes, computeMs) = await DrainAsync(response, cancellationToken).ConfigureAwait(false);
            var latencyMs = clock.Elapsed.TotalMilliseconds - intendedStartMs;
            var requestId = response.Headers.TryGetValues(LoadHttp.RequestIdHeader, out var values) ? values.FirstOrDefault() : null;
            // The Invoke API answers a function's error with 200 and says so in a header: it is an error all the same.
            var functionError = response.Headers.TryGetValues(LoadHttp.FunctionErrorHeader, out var errors) ? $"function error ({errors.FirstOrDefault()})" : null;
            return new RequestSample(intendedStartMs, latencyMs, (int)response.StatusCode, requestId, bytes, functionError, LogTailOf(response), computeMs);
        }
        catch (Exception exception) when ((exception is HttpRequestException or TaskCanceledException or IOException) && !cancellationToken.IsCancellationRequested)
        {
            var latencyMs = clock.Elapsed.TotalMilliseconds - intendedStartMs;
            var reason = exception is TaskCanceledException ? $"timeout after {options.Timeout.TotalSeconds:0.#} s" : exception.Message;
            return new RequestSample(intendedStartMs, latencyMs, 0, null, 0, reason);
        }
    }

    private static string? LogTailOf(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues(LoadHttp.LogResultHeader, out var values) || values.FirstOrDefault() is not { } encoded)
        {
            return null;
        }
        try
        {
            return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static async Task<(long Bytes, double? ComputeMs)> DrainAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        // Read the body to its end (the client's latency includes the last byte), keeping only its start, where a
        // small response's compute_ms is (ComputeField).
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(ComputeField.ScanBytes);
            try
            {
                long total = 0;
                int read;
                while ((read = await stream.ReadAsync(total < ComputeField.ScanBytes ? buffer.AsMemory((int)total, ComputeField.ScanBytes - (int)total) : buffer.AsMemory(0, 16 * 1024),
                           cancellationToken).ConfigureAwait(false)) > 0)
                {
                    total += read;
                }

                return (total, total <= ComputeField.ScanBytes ? ComputeField.Read(buffer.AsSpan(0, (int)total)) : null);
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }
}
