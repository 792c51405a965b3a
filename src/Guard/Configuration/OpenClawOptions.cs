using System.ComponentModel.DataAnnotations;

namespace Guard.Configuration;

/// <summary><c>Guard:OpenClaw</c>: where the gateway lives, how to reach it, and what Guard does with what it reads.</summary>
public sealed class OpenClawOptions
{
    public const string DefaultConfigPath = "~/.openclaw/openclaw.json";
    public const string DefaultAgentsDirectory = "~/.openclaw/agents";
    public const string DefaultUnit = "openclaw-gateway.service";
    public const string DefaultHealthUrl = "http://127.0.0.1:18789/healthz";

    private string? _unit;

    public bool Discover { get; set; } = true;

    /// <summary>At its default, OPENCLAW_CONFIG_PATH, OPENCLAW_STATE_DIR and <see cref="Profile"/> decide the file.</summary>
    [Required]
    public string ConfigPath { get; set; } = DefaultConfigPath;

    /// <summary>OpenClaw profile (<c>--profile</c>): state <c>~/.openclaw-&lt;profile&gt;</c>, unit <c>openclaw-gateway-&lt;profile&gt;.service</c>.</summary>
    [RegularExpression("^[A-Za-z0-9_.-]*$", ErrorMessage = "The field {0} must be a profile name (letters, digits, '.', '_', '-')")]
    public string? Profile { get; set; }

    /// <summary>Unset: <c>openclaw-gateway.service</c>, or <c>openclaw-gateway-&lt;profile&gt;.service</c> with a profile.</summary>
    [Required]
    [RegularExpression(@"^[A-Za-z0-9:_.@\\-]+\.service$", ErrorMessage = "The field {0} must be a systemd unit name ending in .service")]
    public string Unit
    {
        get => _unit ?? (IsDefaultProfile(Profile) ? DefaultUnit : $"openclaw-gateway-{Profile}.service");
        set => _unit = value;
    }

    /// <summary>Gateway liveness URL (OpenClaw 2026.3+); empty disables the HTTP check.</summary>
    public string? HealthUrl { get; set; } = DefaultHealthUrl;

    [Required]
    public string LogDirectory { get; set; } = "/tmp/openclaw";

    /// <summary>At its default, follows the state directory (OPENCLAW_STATE_DIR, profile).</summary>
    [Required]
    public string AgentsDirectory { get; set; } = DefaultAgentsDirectory;

    /// <summary>The agent workspace holding HEARTBEAT.md; empty = OpenClaw's <c>agents.defaults.workspace</c> or its default.</summary>
    public string? WorkspaceDirectory { get; set; }

    /// <summary>The <c>openclaw</c> CLI (looked up on PATH); empty = never run it and read openclaw.json directly.</summary>
    public string? Cli { get; set; } = "openclaw";

    /// <summary>Longest wait for one <c>openclaw</c> CLI call before Guard gives up on it.</summary>
    [TimeSpanRange("00:00:01", "00:05:00")]
    public TimeSpan CliTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often Guard looks for changes to openclaw.json, .env and auth profiles.</summary>
    [TimeSpanRange("00:00:05", "01:00:00")]
    public TimeSpan RediscoverEvery { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Follow the gateway's JSON log for its own failure signals.</summary>
    public bool WatchLog { get; set; } = true;

    /// <summary>"All models failed" this often within <see cref="StuckWindow"/> while a probe finds a healthy model = gateway stuck.</summary>
    [Range(1, 1000)]
    public int StuckFailures { get; set; } = 3;

    [TimeSpanRange("00:01:00", "1.00:00:00")]
    public TimeSpan StuckWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Keep a Guard section in the workspace's HEARTBEAT.md while the chain is degraded.</summary>
    public bool HeartbeatFeed { get; set; }

    /// <summary>Advise: show a better order in status and alerts; Apply: also write it (needs <see cref="Cli"/>); Off: neither.</summary>
    public ReorderMode Reorder { get; set; } = ReorderMode.Advise;

    /// <summary>The configured primary always stays first; only the fallbacks are reordered.</summary>
    public bool PinPrimary { get; set; }

    /// <summary>Apply: the original primary must be healthy this long before the owner's order is written back.</summary>
    [TimeSpanRange("00:01:00", "1.00:00:00")]
    public TimeSpan RestoreAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Apply: at most one chain write (change, restore or failed attempt) per this interval.</summary>
    [TimeSpanRange("00:01:00", "1.00:00:00")]
    public TimeSpan ReorderMinInterval { get; set; } = TimeSpan.FromMinutes(15);

    internal static bool IsDefaultProfile(string? profile) =>
        string.IsNullOrWhiteSpace(profile) || string.Equals(profile, "default", StringComparison.OrdinalIgnoreCase);
}
