using Guard.Quota;

namespace Guard.State;

/// <summary>
/// Everything Guard persists in <c>.api_health_state.json</c>. Top-level <c>models</c> and <c>last_check</c>
/// keep the seed script's names. Unknown properties in a file are ignored, so fields can be added freely.
/// </summary>
public sealed class GuardState
{
    /// <summary>The schema this build writes. A file with a greater version is set aside, not misread.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>0 in files written by the seed script, which had no version.</summary>
    public int SchemaVersion { get; set; } = CurrentSchemaVersion;

    public DateTimeOffset? LastCheck { get; set; }

    public Dictionary<string, ModelState> Models { get; set; } = new(StringComparer.Ordinal);

    public ChainState Chain { get; set; } = new();

    /// <summary>Oldest first.</summary>
    public List<RestartRecord> Restarts { get; set; } = [];

    public RecoveryState Recovery { get; set; } = new();

    /// <summary>The gateway unit and health URL as the gateway health check last saw them.</summary>
    public GatewayState Gateway { get; set; } = new();

    /// <summary>The quota watch: per-model usage ledger, transcript read offsets, provider-reported limits.</summary>
    public QuotaState Quota { get; set; } = new();

    /// <summary>Guard:OpenClaw:Reorder = Apply: the owner's chain and the order Guard wrote.</summary>
    public Guard.OpenClaw.Advice.ReorderState Reorder { get; set; } = new();
}
