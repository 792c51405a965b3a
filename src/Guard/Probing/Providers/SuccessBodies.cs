using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;
using Guard.Probing.Classification;

namespace Guard.Probing.Providers;

/// <summary>
/// Shared checks on 2xx bodies: must be valid UTF-8 JSON, must not carry an error object (providers.md §0.4), and
/// must have the provider's success shape. A 2xx that fails these is a malformed reply, classified Unknown like a
/// non-JSON 2xx: a proxy, captive portal or broken relay answered, not the model, and which one is not knowable.
/// </summary>
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

        // The JSON reader does not check the bytes inside strings; RFC 8259 JSON between systems is UTF-8. A cut-off
        // body may end inside a character, and fails to parse anyway.
        if (!response.Truncated && !Utf8.IsValid(response.Body.Span))
        {
            failure = Malformed(response, "a body that is not valid UTF-8");
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

    /// <summary>
    /// A 2xx body handed to <paramref name="interpret"/> once it parsed, carries no error object and, with
    /// <paramref name="objectRoot"/>, is a JSON object; otherwise the verdict for what it is instead.
    /// </summary>
    public static StepVerdict Read(ProviderResponse response, bool objectRoot, Func<ProviderResponse, JsonElement, StepVerdict> interpret)
    {
        using var document = TryParse(response, out var failure);
        if (document is null)
        {
            return failure;
        }

        var root = document.RootElement;
        if (HasError(root))
        {
            return StepVerdict.ProviderError;
        }

        return (objectRoot ? NotAnObject(response, root) : null) ?? interpret(response, root);
    }

    /// <summary>A 2xx that parsed but is not the success the probe asked for.</summary>
    public static StepVerdict Malformed(ProviderResponse response, string what) =>
        StepVerdict.Failed(FailureKind.Unknown, $"malformed reply: HTTP {response.Status} with {what}");

    /// <summary>A 2xx whose root is not a JSON object (<c>null</c>, a number, a string).</summary>
    public static StepVerdict? NotAnObject(ProviderResponse response, JsonElement root) =>
        root.ValueKind == JsonValueKind.Object ? null : Malformed(response, $"a JSON {root.ValueKind.ToString().ToLowerInvariant()} instead of an object");

    /// <summary>The first element of a non-empty array member when it is an object; the success shape of a completion.</summary>
    public static bool TryFirstObject(JsonElement element, string arrayName, out JsonElement first)
    {
        first = FirstOf(element, arrayName);
        return first.ValueKind == JsonValueKind.Object;
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
                JsonValueKind.Number when value.TryGetDouble(out var d) && double.IsFinite(d) => d,
                JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) => d,
                _ => null,
            }
            : null;
}
