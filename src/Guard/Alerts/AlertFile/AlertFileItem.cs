using System.Text.Json.Serialization;

namespace Guard.Alerts.AlertFile;

/// <summary>One firing alert in <c>.api_health_alert.json</c>.</summary>
public sealed record AlertFileItem(
    [property: JsonPropertyName("model")] string? Model,
    [property: JsonPropertyName("severity")] string Severity,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("since")] DateTimeOffset Since);
