using System.Text.Json.Serialization;

namespace Guard.Alerts.Channels;

/// <summary>One element of an Alertmanager webhook v4 <c>alerts</c> array.</summary>
public sealed record AlertmanagerAlert
{
    public required string Status { get; init; }

    public required Dictionary<string, string> Labels { get; init; }

    public required Dictionary<string, string> Annotations { get; init; }

    public required string StartsAt { get; init; }

    /// <summary><c>0001-01-01T00:00:00Z</c> while firing, as Alertmanager sends it.</summary>
    public required string EndsAt { get; init; }

    [JsonPropertyName("generatorURL")]
    public string GeneratorUrl { get; init; } = "";

    public required string Fingerprint { get; init; }
}
