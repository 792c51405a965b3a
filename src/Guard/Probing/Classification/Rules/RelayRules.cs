namespace Guard.Probing.Classification.Rules;

/// <summary>
/// one-api / new-api relays: their own quota, token and channel errors, in English or Chinese
/// (songquanpeng/one-api, QuantumNous/new-api issue threads). Upstream errors they pass through are recognised
/// by the upstream's vocabulary before these rows are reached.
/// </summary>
internal static class RelayRules
{
    public static readonly IReadOnlyList<FailureRule> All =
    [
        new("relay.quota", FailureKind.QuotaExhausted,
            f => f.CodeIs("insufficient_user_quota", "pre_consume_token_quota_failed", "token_quota_exhausted") || f.MessageHasAny(RelayRulesText.Quota)),
        new("relay.token", FailureKind.AuthFailed, f => f.MessageHasAny(RelayRulesText.BadToken)),
        new("relay.saturated", FailureKind.Overloaded, f => f.MessageHasAny(RelayRulesText.Saturated)),

        // No enabled channel serves this model for the key's group: a relay configuration gap (or every channel
        // auto-disabled); retrying soon does not help, the operator must fix the relay or the model id.
        new("relay.no-channel", FailureKind.ModelNotFound, f => f.MessageHasAny(RelayRulesText.NoChannel) || f.CodeIs("get_channel_failed")),
    ];
}
