using System.Text;

namespace Ember.Host.RuntimeApi;

/// <summary>What the Runtime API answers a function process.</summary>
internal sealed class RuntimeApiResponse
{
    private static readonly byte[] s_accepted = """{"status":"OK"}"""u8.ToArray();

    public required int Status { get; init; }
    public List<KeyValuePair<string, string>> Headers { get; } = [];
    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>Close the connection after this response (the request could not be read safely).</summary>
    public bool Close { get; init; }

    private static readonly RuntimeApiResponse s_acceptedResponse = new() { Status = 202, Body = s_accepted };

    /// <summary>202 {"status":"OK"}: one shared instance, never changed (it has no headers to add to).</summary>
    public static RuntimeApiResponse Accepted() => s_acceptedResponse;

    /// <summary>An error in the shape the Lambda Runtime API uses: {"errorMessage","errorType"}.</summary>
    public static RuntimeApiResponse Error(int status, string errorType, string message, bool close = false) => new()
    {
        Status = status,
        Close = close,
        Body = Encoding.UTF8.GetBytes(
            $"{{\"errorMessage\":{Json.Quote(message)},\"errorType\":{Json.Quote(errorType)}}}"),
    };
}
