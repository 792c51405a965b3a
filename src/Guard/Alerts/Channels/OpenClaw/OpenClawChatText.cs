using System.Globalization;

namespace Guard.Alerts.Channels.OpenClaw;

/// <summary>
/// The text sent into a chat: one short first line (what a phone's notification shows), then the body without blank
/// lines — the failing models with their kinds and reset/retry times, what Guard did — and the ID last, cut to a size
/// every chat channel OpenClaw offers accepts.
/// </summary>
public static class OpenClawChatText
{
    /// <summary>Below Telegram's 4096 and WhatsApp's limits; Feishu/Discord take more.</summary>
    public const int MaxChars = 3500;

    /// <summary>Notification previews cut around here.</summary>
    public const int MaxFirstLineChars = 90;

    public static string Render(AlertMessage message, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var title = AlertText.Title(message);
        if (title.Length > MaxFirstLineChars)
        {
            title = title[..(MaxFirstLineChars - 1)].TrimEnd() + "…";
        }

        var lines = message.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        var id = lines.FindLast(l => l.StartsWith("ID ", StringComparison.Ordinal));
        if (id is not null)
        {
            lines.Remove(id);
        }

        if (Did(message) is { } did && !lines.Exists(l => l.StartsWith("Guard", StringComparison.Ordinal)))
        {
            lines.Add(did);
        }

        if (!string.IsNullOrWhiteSpace(note))
        {
            lines.Add(note.Trim());
        }

        var tail = id ?? string.Create(CultureInfo.InvariantCulture, $"ID {message.Id}");
        var body = MessageTruncation.ToChars(string.Join('\n', lines), Math.Max(0, MaxChars - title.Length - tail.Length - 2));
        return body.Length == 0 ? $"{title}\n{tail}" : $"{title}\n{body}\n{tail}";
    }

    /// <summary>
    /// What Guard does for this kind of alert, where that follows from the kind alone (restart notices carry their
    /// own action in the text; quota alerts only inform — stopping work is the owner's command hook).
    /// </summary>
    public static string? Did(AlertMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Status == AlertStatus.Resolved)
        {
            return null;
        }

        return message.Kind switch
        {
            AlertEventKind.ChainDark => "Guard: 持续探测, 恢复后通知 keeps probing every model and tells you when one answers",
            AlertEventKind.ModelDown => "Guard: 持续探测 keeps probing; the gateway falls back to the next model",
            AlertEventKind.QuotaWarning or AlertEventKind.QuotaForecast => "Guard: 仅提醒 notice only; nothing was stopped",
            AlertEventKind.QuotaCritical => "Guard: 已提醒 notice sent; non-urgent work stops only through Guard:Quota:CriticalCommand",
            _ => null,
        };
    }
}
