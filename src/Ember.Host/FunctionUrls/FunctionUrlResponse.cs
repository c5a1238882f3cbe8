namespace Ember.Host.FunctionUrls;

/// <summary>The HTTP response a Function URL sends back, mapped from the function's output.</summary>
internal sealed record FunctionUrlResponse(int StatusCode, IReadOnlyList<KeyValuePair<string, string>> Headers, IReadOnlyList<string> Cookies, ReadOnlyMemory<byte> Body);
