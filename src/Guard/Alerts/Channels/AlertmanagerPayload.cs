using System.Globalization;
using System.Text.Json.Serialization;

namespace Guard.Alerts.Channels;

/// <summary>
/// The Prometheus Alertmanager webhook body, version "4", so existing receivers (n8n, PrometheusAlert, bridges)
/// work unchanged. One Guard message = one group with one alert.
/// </summary>
public sealed record AlertmanagerPayload
{
    public const string ZeroTime = "0001-01-01T00:00:00Z";

    public string Version { get; init; } = "4";

    public required string GroupKey { get; init; }

    public int TruncatedAlerts { get; init; }

    public required string Status { get; init; }

    public required string Receiver { get; init; }

    public required Dictionary<string, string> GroupLabels { get; init; }

    public required Dictionary<string, string> CommonLabels { get; init; }

    public required Dictionary<string, string> CommonAnnotations { get; init; }

    [JsonPropertyName("externalURL")]
    public string ExternalUrl { get; init; } = "";

    public required List<AlertmanagerAlert> Alerts { get; init; }

    public static AlertmanagerPayload From(AlertMessage message, string receiver, string description)
    {
        ArgumentNullException.ThrowIfNull(message);
        var status = message.Status == AlertStatus.Resolved ? "resolved" : "firing";
        var labels = new Dictionary<string, string>(message.Labels, StringComparer.Ordinal);
        labels.TryAdd("alertname", message.Kind.ToString());
        labels.TryAdd("severity", message.Severity.ToString().ToLowerInvariant());
        if (message.IsTest)
        {
            labels.TryAdd("test", "true");
        }

        var annotations = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["summary"] = AlertText.Title(message),
            ["description"] = description,
        };
        var alert = new AlertmanagerAlert
        {
            Status = status,
            Labels = labels,
            Annotations = annotations,
            StartsAt = Rfc3339(message.StartsAt),
            EndsAt = message.Status == AlertStatus.Resolved && message.EndsAt is { } end ? Rfc3339(end) : ZeroTime,
            Fingerprint = message.Fingerprint,
        };
        return new AlertmanagerPayload
        {
            GroupKey = $"guard:{message.Fingerprint}",
            Status = status,
            Receiver = receiver,
            GroupLabels = new(StringComparer.Ordinal) { ["alertname"] = labels["alertname"] },
            CommonLabels = new(labels, StringComparer.Ordinal),
            CommonAnnotations = new(annotations, StringComparer.Ordinal),
            Alerts = [alert],
        };
    }

    public static string Rfc3339(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
