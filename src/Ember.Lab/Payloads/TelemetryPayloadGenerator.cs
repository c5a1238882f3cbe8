using System.Buffers;
using System.Text.Json;

namespace Ember.Lab.Payloads;

/// <summary>
/// Writes telemetry payloads in the shape of the reference experiment (shared/spec/telemetry.md), the same
/// bytes for the same seed and size: endpoints from <c>/login /search /checkout /profile /feed /ping</c>,
/// statuses from <c>200 200 200 201 400 401 403 500</c>, durations <c>floor(Exp(mean 120)) + uniform 0..30</c>,
/// user ids <c>u_</c> plus 8 characters of <c>[a-z0-9]</c>. This is what the lab sends; the orchestrator
/// passes <see cref="Generate"/> to <see cref="Runner.LabRunner"/>.
/// </summary>
internal static class TelemetryPayloadGenerator
{
    public const int DefaultSeed = 20_251_123;

    private static readonly string[] Endpoints = ["/login", "/search", "/checkout", "/profile", "/feed", "/ping"];
    private static readonly int[] Statuses = [200, 200, 200, 201, 400, 401, 403, 500];
    private const string UserIdAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    public static byte[] Generate(int events, int seed = DefaultSeed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(events);

        // System.Random with a seed is the legacy, stable algorithm: the same bytes on every .NET version.
        var random = new Random(seed);
        var buffer = new ArrayBufferWriter<byte>(events * 80 + 2);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            Span<char> userId = stackalloc char[10];
            userId[0] = 'u';
            userId[1] = '_';
            for (var i = 0; i < events; i++)
            {
                writer.WriteStartObject();
                writer.WriteString("endpoint"u8, Endpoints[random.Next(Endpoints.Length)]);
                writer.WriteNumber("status"u8, Statuses[random.Next(Statuses.Length)]);
                var exponential = -120.0 * Math.Log(1.0 - random.NextDouble());
                writer.WriteNumber("duration_ms"u8, (long)Math.Floor(exponential) + random.Next(31));
                for (var c = 2; c < userId.Length; c++)
                {
                    userId[c] = UserIdAlphabet[random.Next(UserIdAlphabet.Length)];
                }

                writer.WriteString("user_id"u8, userId);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
