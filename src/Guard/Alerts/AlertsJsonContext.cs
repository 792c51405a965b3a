using System.Text.Json.Serialization;
using Guard.Alerts.AlertFile;
using Guard.Alerts.Outbox;

namespace Guard.Alerts;

/// <summary>Source-generated (AOT) JSON for the outbox and the alert file: snake_case, enums by name.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    Converters = [
        typeof(JsonStringEnumConverter<AlertEventKind>),
        typeof(JsonStringEnumConverter<AlertSeverity>),
        typeof(JsonStringEnumConverter<AlertStatus>),
        typeof(JsonStringEnumConverter<OutboxEntryState>),
    ])]
[JsonSerializable(typeof(OutboxDocument))]
[JsonSerializable(typeof(AlertFileDocument))]
internal sealed partial class AlertsJsonContext : JsonSerializerContext;
