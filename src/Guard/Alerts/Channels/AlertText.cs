namespace Guard.Alerts.Channels;

/// <summary>Channel-independent text rules: test messages are marked, a bot's security keyword comes first.</summary>
public static class AlertText
{
    public const string TestMark = "[TEST]";
    public const string TestMarkZh = "【测试】";

    public static string Title(AlertMessage message, string? keyword = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var title = message.Title;
        if (message.IsTest && !title.Contains(TestMark, StringComparison.Ordinal) && !title.Contains(TestMarkZh, StringComparison.Ordinal))
        {
            title = $"{TestMark} {title}";
        }

        // Bots with keyword security drop any message without it; the title is the first text field each format has.
        return string.IsNullOrWhiteSpace(keyword) || title.Contains(keyword, StringComparison.Ordinal) ? title : $"{keyword} {title}";
    }

    /// <summary>Title line, then the body: for formats with one text field.</summary>
    public static string Plain(AlertMessage message, string? keyword = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        return $"{Title(message, keyword)}\n{message.Text}";
    }
}
