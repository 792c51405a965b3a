namespace Guard.OpenClaw.GatewayLog;

/// <summary>
/// A cooldown or disabled window the gateway set on a provider's credentials (<c>auth_profile_failure_state_updated</c>;
/// its profile id is hashed in the log, the provider is not). <see cref="Window"/> is <c>cooldown</c> or <c>disabled</c>.
/// </summary>
public sealed record ProviderCooldown(DateTimeOffset At, string Provider, string? Reason, DateTimeOffset Until, string Window);
