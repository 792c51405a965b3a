using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Guard.Alerts.Channels;

/// <summary>Builds request bodies with Utf8JsonWriter (AOT-safe) and reads reply fields without throwing.</summary>
internal static class JsonBody
{
    // Chinese text stays as UTF-8 instead of \uXXXX: a third of the bytes, so size caps fit more text. Bodies
    // go to JSON APIs only, never into HTML, so the relaxed encoder's HTML-unsafe characters do no harm.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static JsonElement? Parse(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>An integer field, also when sent as a string.</summary>
    public static long? Int(JsonElement? root, string name)
    {
        if (root is not { } r || !r.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var n) => n,
            JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
            _ => null,
        };
    }

    public static string? String(JsonElement? root, string name) =>
        root is { } r && r.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static bool? Bool(JsonElement? root, string name) =>
        root is { } r && r.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : null;

    public static JsonElement? Object(JsonElement? root, string name) =>
        root is { } r && r.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;
}
