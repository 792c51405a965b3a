namespace Guard.OpenClaw.Discovery;

/// <summary>
/// One entry of an agent's <c>auth-profiles.json</c>. <see cref="Key"/> is a secret: it is handed to the prober and the
/// redactor only, never printed. <see cref="KeyEnv"/> is set for <c>keyRef: {source: "env", id}</c> profiles.
/// </summary>
public sealed record AuthProfile(string Id, string Provider, string Type, string? Key, string? KeyEnv, string File)
{
    /// <summary>The profile's <c>keyRef</c> (or <c>tokenRef</c>) SecretRef as stored, when it has one.</summary>
    public System.Text.Json.Nodes.JsonNode? KeyRef { get; init; }

    /// <summary>Redacted on purpose: records print their members.</summary>
    public override string ToString() => $"{Id} ({Type}, {Provider})";
}
