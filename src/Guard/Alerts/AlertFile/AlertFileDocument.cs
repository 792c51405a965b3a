using System.Text.Json.Serialization;

namespace Guard.Alerts.AlertFile;

/// <summary>
/// <c>.api_health_alert.json</c>, read by the workspace heartbeat: the firing alerts (empty list when all is well) and
/// <see cref="Failures"/> = the number of firing alerts.
/// </summary>
public sealed record AlertFileDocument(
    [property: JsonPropertyName("timestamp")] DateTimeOffset Timestamp,
    [property: JsonPropertyName("alerts")] IReadOnlyList<AlertFileItem> Alerts,
    [property: JsonPropertyName("failures")] int Failures);
