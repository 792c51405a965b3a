namespace Microsoft.Extensions.DependencyInjection;

/// <summary>What a container built by <see cref="GuardComposition"/> holds beyond the core.</summary>
[Flags]
public enum GuardFeatures
{
    None = 0,

    /// <summary>The state store and its persister.</summary>
    State = 1,

    /// <summary>The probe engine: HTTP, adapters, classifier, one probe round.</summary>
    Probing = 2,

    /// <summary>The scheduled probe loop and the failure tracker.</summary>
    ProbeLoop = 4,

    /// <summary>The alert channels only (what <c>guard test-alert</c> sends through).</summary>
    AlertChannels = 8,

    /// <summary>The alert engine: outbox, manager, dispatcher; the real <c>IAlertPublisher</c>.</summary>
    Alerts = 16 | AlertChannels,

    /// <summary>The systemd manager over D-Bus.</summary>
    Systemd = 32,

    /// <summary>The recovery actor, the restarter and the gateway health check.</summary>
    Recovery = 64,

    /// <summary>The systemd watchdog pinger.</summary>
    Watchdog = 128,

    /// <summary>The Prometheus endpoint.</summary>
    Metrics = 256,

    /// <summary>The quota watch.</summary>
    Quota = 512,

    /// <summary>Discovery, the gateway log, the heartbeat feed and the chain reorderer.</summary>
    OpenClaw = 1024,

    /// <summary>Everything <c>guard run</c> runs.</summary>
    Service = State | Probing | ProbeLoop | Alerts | Systemd | Recovery | Watchdog | Metrics | Quota | OpenClaw,
}
