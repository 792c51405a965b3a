namespace Guard.Configuration;

/// <summary>
/// The root section's own keys, with nested objects as opaque dictionaries, so the loader can bind
/// each nested object separately and report every bad value instead of only the first.
/// </summary>
internal sealed class GuardOptionsRoot
{
    public string DataDirectory { get; set; } = "";
    public Dictionary<string, string?> Probe { get; set; } = [];
    public Dictionary<string, string?> OpenClaw { get; set; } = [];
    public Dictionary<string, string?> Recovery { get; set; } = [];
    public Dictionary<string, string?> Quota { get; set; } = [];
    public Dictionary<string, string?> Alerts { get; set; } = [];
    public Dictionary<string, string?> Logging { get; set; } = [];
    public Dictionary<string, string?> Models { get; set; } = [];
    public Dictionary<string, string?> Metrics { get; set; } = [];
}
