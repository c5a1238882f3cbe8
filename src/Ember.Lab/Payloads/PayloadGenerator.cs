using System.Buffers;
using System.Buffers.Text;

namespace Ember.Lab.Payloads;

/// <summary>
/// Writes telemetry payloads (the JSON array a client POSTs) in the shape of the reference
/// experiment, deterministically for a given seed: the same seed and size give the same bytes.
/// </summary>
public sealed class PayloadGenerator
{
    /// <summary>The reference experiment's sizes: about 8 KB, 82 KB, 411 KB, 822 KB and 1.6 MB.</summary>
    public static IReadOnlyList<int> ReferenceSizes { get; } = [100, 1_000, 5_000, 10_000, 20_000];

    /// <summary>The seed used when none is given.</summary>
    public const int DefaultSeed = 42;

    private const double MeanDurationMs = 120;

    private static readonly byte[][] Endpoints =
        [.. new[] { "/login", "/search", "/checkout", "/profile", "/feed", "/ping" }.Select(e => System.Text.Encoding.UTF8.GetBytes(e))];

    private static readonly int[] Statuses = [200, 200, 200, 201, 400, 401, 403, 500];

    private static ReadOnlySpan<byte> UserAlphabet => "abcdefghijklmnopqrstuvwxyz0123456789"u8;

    private readonly int _seed;

    public PayloadGenerator(int seed = DefaultSeed) => _seed = seed;

    /// <summary>
    /// The body: a JSON array of <paramref name="events"/> events, spaced as Python's json.dumps
    /// writes it (", " and ": "), which is how the reference experiment's sizes come out (~82 bytes an event).
    /// </summary>
    public byte[] Generate(int events)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(events);
        // System.Random with a seed keeps its historical algorithm on every .NET version: stable bytes.
        var random = new Random(_seed);
        var output = new ArrayBufferWriter<byte>(events * 84 + 2);
        Write(output, "["u8);
        Span<byte> number = stackalloc byte[20];
        for (int i = 0; i < events; i++)
        {
            if (i > 0)
            {
                Write(output, ", "u8);
            }
            Write(output, "{\"endpoint\": \""u8);
            Write(output, Endpoints[random.Next(Endpoints.Length)]);
            Write(output, "\", \"status\": "u8);
            Utf8Formatter.TryFormat(Statuses[random.Next(Statuses.Length)], number, out int written);
            Write(output, number[..written]);
            Write(output, ", \"duration_ms\": "u8);
            // floor(Exp(mean 120)) + uniform 0..30, as the reference experiment drew them.
            long exponential = (long)Math.Floor(-MeanDurationMs * Math.Log(1.0 - random.NextDouble()));
            long duration = exponential + random.Next(0, 31);
            Utf8Formatter.TryFormat(duration, number, out written);
            Write(output, number[..written]);
            Write(output, ", \"user_id\": \"u_"u8);
            Span<byte> user = output.GetSpan(8)[..8];
            for (int c = 0; c < user.Length; c++)
            {
                user[c] = UserAlphabet[random.Next(UserAlphabet.Length)];
            }
            output.Advance(8);
            Write(output, "\"}"u8);
        }
        Write(output, "]"u8);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Wraps a body into the Function URL event (payload format 2.0) a POST to the function URL
    /// produces, the body as a JSON string.
    /// </summary>
    public static byte[] ToFunctionUrlEvent(ReadOnlySpan<byte> body)
    {
        var output = new ArrayBufferWriter<byte>(body.Length + body.Length / 4 + 512);
        Write(output, """{"version":"2.0","routeKey":"$default","rawPath":"/","rawQueryString":"","headers":{"content-type":"application/json","host":"telemetry.lambda-url.localhost"},"requestContext":{"http":{"method":"POST","path":"/","protocol":"HTTP/1.1","sourceIp":"127.0.0.1","userAgent":"ember"},"routeKey":"$default","stage":"$default"},"body":"""u8);
        Write(output, "\""u8);
        int start = 0;
        for (int i = 0; i < body.Length; i++)
        {
            byte b = body[i];
            if (b != (byte)'"' && b != (byte)'\\' && b >= 0x20)
            {
                continue;
            }
            Write(output, body[start..i]);
            start = i + 1;
            if (b >= 0x20)
            {
                Write(output, b == (byte)'"' ? "\\\""u8 : "\\\\"u8);
            }
            else
            {
                Write(output, System.Text.Encoding.ASCII.GetBytes($"\\u{b:x4}"));
            }
        }
        Write(output, body[start..]);
        Write(output, "\",\"isBase64Encoded\":false}"u8);
        return output.WrittenSpan.ToArray();
    }

    private static void Write(ArrayBufferWriter<byte> output, ReadOnlySpan<byte> bytes) => output.Write(bytes);
}
