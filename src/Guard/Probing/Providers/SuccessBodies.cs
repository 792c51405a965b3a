using System.Globalization;
using System.Text.Json;
using Guard.Probing.Classification;

namespace Guard.Probing.Providers;

/// <summary>Shared checks on 2xx bodies: must be JSON, and must not carry an error object (providers.md §0.4).</summary>
internal static class SuccessBodies
{
    /// <summary>Parses a 2xx body; on failure returns the verdict to use instead.</summary>
    public static JsonDocument? TryParse(ProviderResponse response, out StepVerdict failure)
    {
        failure = default;
        if (response.Body.IsEmpty)
        {
            failure = StepVerdict.Failed(FailureKind.Unknown, $"HTTP {response.Status} with an empty body");
            return null;
        }

        try
        {
            return JsonDocument.Parse(response.Body);
        }
        catch (JsonException)
        {
            failure = StepVerdict.Failed(
                FailureKind.Unknown, $"HTTP {response.Status} with a non-JSON body ({response.ContentType ?? "no content type"})");
            return null;
        }
    }

    /// <summary>An error array (Gemini-compat), an <c>error</c> member, or Anthropic's <c>"type":"error"</c>.</summary>
    public static bool HasError(JsonElement root) =>
        root.ValueKind == JsonValueKind.Array
        || (root.ValueKind == JsonValueKind.Object
            && ((root.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null)
                || (root.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.ValueEquals("error"))));

    public static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static JsonElement FirstOf(JsonElement element, string arrayName) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(arrayName, out var array)
            && array.ValueKind == JsonValueKind.Array && array.GetArrayLength() > 0
            ? array[0]
            : default;

    /// <summary>A number, or a string holding one (undocumented quota endpoints send both).</summary>
    public static double? Number(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.Number when value.TryGetDouble(out var d) => d,
                JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
                _ => null,
            }
            : null;
}
