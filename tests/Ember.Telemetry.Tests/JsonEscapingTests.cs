using System.Text;
using Telemetry.Core;

namespace Ember.Telemetry.Tests;

/// <summary>
/// The vectorized body unescaper against the plain one. The edge-case events are too short to reach
/// its 32-byte block path, so random long strings with every kind of escape, at every alignment, do.
/// </summary>
public sealed class JsonEscapingTests
{
    private static readonly string[] Pieces =
    [
        "a", "bc", "/login", "u_x7", " ", "\\\"", "\\\\", "\\/", "\\n", "\\t", "\\b", "\\f", "\\r",
        "\\u00e9", "\\u0041", "\\ud83d\\ude00", "é", "😀", "\\u2028", "0123456789abcdefghijklmnopqrstuvwxyz",
    ];

    [Fact]
    public void UnescapeBodyString_RandomEscapes_MatchesScalarDecoder()
    {
        var random = new Random(12345);
        for (int round = 0; round < 400; round++)
        {
            // Given a string of random pieces, a closing quote and what follows it in an event
            var content = new StringBuilder();
            int pieces = random.Next(0, 120);
            for (int i = 0; i < pieces; i++)
            {
                content.Append(Pieces[random.Next(Pieces.Length)]);
            }
            byte[] raw = Encoding.UTF8.GetBytes(content.ToString());
            byte[] text = Encoding.UTF8.GetBytes(content + "\",\"isBase64Encoded\":false}" + new string(' ', random.Next(0, 80)));
            byte[] expected = new byte[raw.Length];
            int expectedLength = JsonEscaping.Unescape(raw, expected);

            // When
            byte[] actual = new byte[text.Length + 64];
            int pos = 0;
            int length = JsonEscaping.UnescapeBodyString(text, ref pos, actual);

            // Then
            Assert.Equal(raw.Length + 1, pos);
            Assert.Equal(expected.AsSpan(0, expectedLength).ToArray(), actual.AsSpan(0, length).ToArray());
        }
    }

    [Theory]
    [InlineData("\\ud800x")]
    [InlineData("\\udc00")]
    [InlineData("\u0001")]
    [InlineData("\\x")]
    public void UnescapeBodyString_InvalidDeepInALongString_Throws(string invalid)
    {
        string content = new string('a', 100) + "\\\"" + new string('b', 37) + invalid + new string('c', 100);
        byte[] text = Encoding.UTF8.GetBytes(content + "\"}" + new string(' ', 100));
        byte[] destination = new byte[text.Length + 64];
        int pos = 0;

        Assert.Throws<InvalidTelemetryRequestException>(() => JsonEscaping.UnescapeBodyString(text, ref pos, destination));
    }
}
