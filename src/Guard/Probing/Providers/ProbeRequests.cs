using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;
using Guard.Configuration;

namespace Guard.Probing.Providers;

/// <summary>Builds probe requests: configured extra headers, then the auth header (keys only ever in headers).</summary>
internal static class ProbeRequests
{
    private static readonly string[] AuthHeaderNames = ["Authorization", "x-api-key", "x-goog-api-key"];

    public static HttpRequestMessage Create(HttpMethod method, string url, ModelDefinition model, byte[]? jsonBody = null)
    {
        var request = new HttpRequestMessage(method, url);

        // Configured headers may add e.g. anthropic-beta, but never replace the key taken from the environment.
        foreach (var (name, value) in model.Headers)
        {
            // Discovered headers (openclaw.json) are not validated like Guard's own: never send a CR/LF.
            if (!AuthHeaderNames.Contains(name, StringComparer.OrdinalIgnoreCase) && HeaderChecks.IsToken(name) && HeaderChecks.IsSafeValue(value))
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        if (jsonBody is not null)
        {
            request.Content = new ByteArrayContent(jsonBody);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        return request;
    }

    public static void SetHeader(HttpRequestMessage request, string name, string value)
    {
        request.Headers.Remove(name);

        // Without validation: a malformed key must not surface in a FormatException message.
        request.Headers.TryAddWithoutValidation(name, value);
    }

    public static void SetHeaderIfAbsent(HttpRequestMessage request, string name, string value)
    {
        if (!request.Headers.Contains(name))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
    }

    public static byte[] Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The one-message "ping" conversation shared by OpenAI-style and Anthropic bodies.</summary>
    public static void WritePingMessages(Utf8JsonWriter writer)
    {
        writer.WriteStartArray("messages");
        writer.WriteStartObject();
        writer.WriteString("role", "user");
        writer.WriteString("content", "ping");
        writer.WriteEndObject();
        writer.WriteEndArray();
    }
}
