using System.Security.Cryptography;
using System.Text;

namespace Guard.Alerts;

/// <summary>
/// Notification ids derived from what the notification is (fingerprint, status, start, reminder number), so the same
/// notification replayed after a crash gets the same id and the outbox refuses to send it twice.
/// </summary>
public static class AlertIds
{
    public static string For(params object?[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var text = string.Join('\u001f', parts.Select(p => p switch
        {
            DateTimeOffset t => t.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => p?.ToString() ?? "",
        }));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }
}
