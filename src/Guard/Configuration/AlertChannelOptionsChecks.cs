namespace Guard.Configuration;

/// <summary>Cross-field rules for the channel options that shape messages: Format, Keyword, the Feishu URL form.</summary>
internal static class AlertChannelOptionsChecks
{
    public static IEnumerable<ConfigProblem> Check(AlertChannelOptions channel, string path)
    {
        ArgumentNullException.ThrowIfNull(channel);
        if (channel.Format is { } format && !Allows(channel.Type, format))
        {
            yield return new($"{path}:Format", format.ToString(), channel.Type switch
            {
                AlertChannelType.Feishu => "a Feishu channel takes Card or Text",
                AlertChannelType.DingTalk or AlertChannelType.WeCom => $"a {channel.Type} channel takes Markdown or Text",
                _ => $"a {channel.Type} channel has no Format; remove it",
            });
        }

        if (!string.IsNullOrEmpty(channel.Keyword) && channel.Type is not (AlertChannelType.Feishu or AlertChannelType.DingTalk))
        {
            yield return new($"{path}:Keyword", channel.Keyword, "only Feishu and DingTalk bots use a security keyword");
        }

        // The v1 path accepts only title + text and no signature; the URL is a credential, so it is not echoed.
        if (channel.Type == AlertChannelType.Feishu && !string.IsNullOrEmpty(channel.Url)
            && Uri.TryCreate(channel.Url, UriKind.Absolute, out var uri)
            && !uri.AbsolutePath.Contains("/bot/v2/hook/", StringComparison.Ordinal))
        {
            yield return new($"{path}:Url", null, "use the Feishu/Lark v2 hook URL (…/open-apis/bot/v2/hook/<token>)");
        }
    }

    private static bool Allows(AlertChannelType? type, AlertMessageFormat format) => type switch
    {
        AlertChannelType.Feishu => format is AlertMessageFormat.Card or AlertMessageFormat.Text,
        AlertChannelType.DingTalk or AlertChannelType.WeCom => format is AlertMessageFormat.Markdown or AlertMessageFormat.Text,
        _ => false,
    };
}
