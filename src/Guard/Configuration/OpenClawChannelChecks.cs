namespace Guard.Configuration;

/// <summary>
/// Rules for <c>Type: OpenClaw</c> channels and their <c>Fallback</c>: the fallback must be another configured channel
/// that does not itself depend on the gateway (an OpenClaw fallback would fail for the same reason).
/// </summary>
internal static class OpenClawChannelChecks
{
    public static IEnumerable<ConfigProblem> Check(AlertChannelOptions channel, string path, IReadOnlyList<AlertChannelOptions> all)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(all);
        if (channel.Type != AlertChannelType.OpenClaw)
        {
            foreach (var (key, value) in new[] { ("Channel", channel.Channel), ("Target", channel.Target), ("Fallback", channel.Fallback) })
            {
                if (!string.IsNullOrEmpty(value))
                {
                    yield return new($"{path}:{key}", value, $"only OpenClaw channels take {key}; remove it");
                }
            }

            yield break;
        }

        if (string.IsNullOrWhiteSpace(channel.Channel))
        {
            yield return new($"{path}:Channel", channel.Channel, "an OpenClaw channel needs Channel (the chat channel OpenClaw sends through: feishu, telegram, …)");
        }

        if (string.IsNullOrWhiteSpace(channel.Target))
        {
            yield return new($"{path}:Target", channel.Target, "an OpenClaw channel needs Target (the chat id, user or group in that channel's format)");
        }

        if (!string.IsNullOrEmpty(channel.Url) || !string.IsNullOrEmpty(channel.UrlEnv))
        {
            yield return new($"{path}:Url", null, "an OpenClaw channel sends through the openclaw CLI and takes no Url/UrlEnv; put the webhook in its Fallback channel");
        }

        if (string.IsNullOrEmpty(channel.Fallback))
        {
            yield break;
        }

        var fallback = all.FirstOrDefault(c => string.Equals(c.Name, channel.Fallback, StringComparison.OrdinalIgnoreCase));
        if (fallback is null)
        {
            yield return new($"{path}:Fallback", channel.Fallback,
                $"no channel is named so; use the Name of one of: {string.Join(", ", all.Where(c => c.Type != AlertChannelType.OpenClaw).Select(c => c.Name).DefaultIfEmpty("(none configured)"))}");
        }
        else if (fallback.Type == AlertChannelType.OpenClaw)
        {
            yield return new($"{path}:Fallback", channel.Fallback, "the fallback is itself an OpenClaw channel and fails whenever this one does; name a webhook channel");
        }
    }
}
