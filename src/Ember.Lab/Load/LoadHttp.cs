using System.Net;

namespace Ember.Lab.Load;

/// <summary>Wire names and the HTTP client settings the lab measures with.</summary>
internal static class LoadHttp
{
    /// <summary>The request id header Lambda function URLs answer with.</summary>
    public const string RequestIdHeader = "x-amzn-RequestId";

    /// <summary>The Invoke API's sign of a function error on a 200 answer (its value: Unhandled, or the error type).</summary>
    public const string FunctionErrorHeader = "X-Amz-Function-Error";

    /// <summary>The Invoke API's last 4 KB of the invocation's log, base64, when asked with <c>X-Amz-Log-Type: Tail</c>.</summary>
    public const string LogResultHeader = "X-Amz-Log-Result";

    /// <summary>
    /// A client tuned for load on one host: a pool of at least <paramref name="concurrency"/> connections so no
    /// worker waits for a socket, no proxy look-up, no cookies or decompression on the measured path, and
    /// connections kept for the whole run so warm requests never pay a handshake.
    /// </summary>
    public static HttpClient CreateClient(int concurrency, TimeSpan timeout)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = Math.Max(concurrency, 1),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        return new HttpClient(handler, disposeHandler: true) { Timeout = timeout };
    }
}
