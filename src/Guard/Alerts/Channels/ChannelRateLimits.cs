using Guard.Configuration;

namespace Guard.Alerts.Channels;

/// <summary>
/// Default send limits, each below the provider's documented one (Feishu 5/s and 100/min, DingTalk and WeCom
/// 20/min, Telegram ≈1/s per chat). <c>MaxPerMinute</c> replaces the per-minute rule.
/// </summary>
public static class ChannelRateLimits
{
    public static IReadOnlyList<TokenBucketRule> For(AlertChannelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.MaxPerMinute is { } custom)
        {
            var rule = TokenBucketRule.PerMinute(custom);
            return options.Type == AlertChannelType.Feishu ? [TokenBucketRule.PerSecond(4, 4), rule] : [rule];
        }

        return options.Type switch
        {
            AlertChannelType.Feishu => [TokenBucketRule.PerSecond(4, 4), TokenBucketRule.PerMinute(90)],
            AlertChannelType.DingTalk => [TokenBucketRule.PerMinute(18)],
            AlertChannelType.WeCom => [TokenBucketRule.PerMinute(18)],
            AlertChannelType.Telegram => [TokenBucketRule.PerSecond(1, 1)],
            AlertChannelType.Command => [TokenBucketRule.PerMinute(30)],

            // Each send starts a Node CLI (seconds, hundreds of MB); chat channels limit per chat anyway.
            AlertChannelType.OpenClaw => [TokenBucketRule.PerMinute(20)],
            _ => [TokenBucketRule.PerMinute(60)],
        };
    }
}
