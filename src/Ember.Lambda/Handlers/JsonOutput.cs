using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Ember.Lambda.Handlers;

internal static class JsonOutput
{
    public static void Write<T>(ref Utf8JsonWriter? writer, IBufferWriter<byte> output, T value, JsonTypeInfo<T> type)
    {
        if (writer is null)
        {
            writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = type.Options.Encoder, Indented = type.Options.WriteIndented, SkipValidation = true });
        }
        else
        {
            writer.Reset(output);
        }

        JsonSerializer.Serialize(writer, value, type);
        writer.Flush();
    }
}
