namespace Guard.Alerts.Channels.OpenClaw;

/// <summary>Why an <c>openclaw message send</c> did not deliver, as read from the CLI's own exit code, JSON and stderr.</summary>
public enum OpenClawSendFailure
{
    /// <summary>The CLI could not reach the gateway (not running, refused, closed): the fallback's case.</summary>
    GatewayUnreachable,

    /// <summary>The gateway refused the CLI (no token, pairing): fix OpenClaw's gateway auth.</summary>
    GatewayAuth,

    /// <summary>The chat channel is not configured, not installed or has no credentials in OpenClaw.</summary>
    ChannelNotConnected,

    /// <summary>The target is empty or not in a format the channel knows.</summary>
    BadTarget,

    /// <summary>The gateway tried and the chat service did not take it (network, API error): may work later.</summary>
    DeliveryFailed,

    /// <summary>The CLI did not finish within the channel's Timeout and was killed.</summary>
    TimedOut,

    /// <summary>The openclaw CLI is not installed or not on PATH.</summary>
    CliMissing,

    /// <summary>Anything else the CLI said; treated as worth retrying.</summary>
    Unknown,
}
