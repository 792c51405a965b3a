using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Guard.Alerts.Channels;

/// <summary>Source-generated JSON (AOT-safe) for the webhook body and the Command channel's stdin.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(AlertmanagerPayload))]
[JsonSerializable(typeof(CommandAlertPayload))]
public sealed partial class AlertChannelJsonContext : JsonSerializerContext
{
    /// <summary>
    /// Chinese text stays UTF-8 instead of \uXXXX (a third of the bytes under a size cap). Bodies go to JSON
    /// consumers, never into HTML, so the relaxed encoder is safe here.
    /// </summary>
    public static AlertChannelJsonContext Relaxed { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
