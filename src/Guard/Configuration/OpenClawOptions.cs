using System.ComponentModel.DataAnnotations;

namespace Guard.Configuration;

/// <summary><c>Guard:OpenClaw</c>: where the gateway lives and how to reach it.</summary>
public sealed class OpenClawOptions
{
    public bool Discover { get; set; } = true;

    [Required]
    public string ConfigPath { get; set; } = "~/.openclaw/openclaw.json";

    [Required]
    [RegularExpression(@"^[A-Za-z0-9:_.@\\-]+\.service$", ErrorMessage = "The field {0} must be a systemd unit name ending in .service")]
    public string Unit { get; set; } = "openclaw-gateway.service";

    /// <summary>Gateway liveness URL (OpenClaw 2026.3+); empty disables the HTTP check.</summary>
    public string? HealthUrl { get; set; } = "http://127.0.0.1:18789/healthz";

    [Required]
    public string LogDirectory { get; set; } = "/tmp/openclaw";

    [Required]
    public string AgentsDirectory { get; set; } = "~/.openclaw/agents";
}
