using System.Text;
using Ember.Lambda;

// Streams a plain-text answer in five pieces, 200 ms apart: a RESPONSE_STREAM Function URL (or InvokeWithResponseStream)
// shows each piece as it is written. The event may set "pieces" and "gapMs" ({"pieces":3,"gapMs":50}); a Function
// URL's query string may too (?pieces=3&gapMs=50). "fail":true throws after the second piece: the stream ends in error.
await LambdaBootstrap.RunResponseStreamAsync(async (input, output, context) =>
{
    var (pieces, gapMs, fail) = Settings.Read(input);
    output.StartHttpResponse(200, [new("Content-Type", "text/plain; charset=utf-8"), new("X-Streamed-By", "Ember.Lambda")]);
    for (var i = 1; i <= pieces; i++)
    {
        if (fail && i == 3)
        {
            throw new InvalidOperationException($"failed after {i - 1} pieces");
        }
        await output.WriteAsync(Encoding.UTF8.GetBytes($"piece {i} of {pieces} at {DateTime.UtcNow:HH:mm:ss.fff}\n"));
        if (i < pieces)
        {
            await Task.Delay(gapMs);
        }
    }
});

internal static class Settings
{
    public static (int Pieces, int GapMs, bool Fail) Read(Stream input)
    {
        int pieces = 5, gapMs = 200;
        var fail = false;
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(input);
            var root = document.RootElement;
            // A Function URL event carries the settings in its query string; a direct invocation in the event itself.
            if (root.TryGetProperty("queryStringParameters", out var query) && query.ValueKind == System.Text.Json.JsonValueKind.Object)
            {
                root = query;
            }
            pieces = Number(root, "pieces") ?? pieces;
            gapMs = Number(root, "gapMs") ?? gapMs;
            fail = root.TryGetProperty("fail", out var f) && (f.ValueKind == System.Text.Json.JsonValueKind.True || f.ToString() == "true");
        }
        catch (System.Text.Json.JsonException)
        {
            // Not JSON: the defaults.
        }
        return (Math.Clamp(pieces, 1, 100), Math.Clamp(gapMs, 0, 5_000), fail);
    }

    private static int? Number(System.Text.Json.JsonElement root, string name) =>
        root.TryGetProperty(name, out var value)
            ? value.ValueKind == System.Text.Json.JsonValueKind.Number ? value.GetInt32() : int.TryParse(value.GetString(), out var parsed) ? parsed : null
            : null;
}
