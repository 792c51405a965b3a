using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Guard.Alerts.Channels;

/// <summary>
/// Feishu/Lark custom-bot signature: Base64(HMAC-SHA256(key = timestamp + "\n" + secret, message = empty)).
/// The reverse of DingTalk's order; see reference/alert-channels.md §1 for the test vector.
/// </summary>
public static class FeishuSigner
{
    public static string Sign(long unixSeconds, string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var key = Encoding.UTF8.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture) + "\n" + secret);
        return Convert.ToBase64String(HMACSHA256.HashData(key, ReadOnlySpan<byte>.Empty));
    }
}
