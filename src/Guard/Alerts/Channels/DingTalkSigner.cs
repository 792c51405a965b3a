using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Guard.Alerts.Channels;

/// <summary>DingTalk robot signature: Base64(HMAC-SHA256(key = secret, message = timestampMs + "\n" + secret)), URL-encoded.</summary>
public static class DingTalkSigner
{
    public static string Sign(long unixMilliseconds, string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var message = unixMilliseconds.ToString(CultureInfo.InvariantCulture) + "\n" + secret;
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(message)));
    }

    /// <summary>
    /// The stored URL plus this attempt's <c>timestamp</c> and <c>sign</c>. Built fresh from the unchanged base each
    /// time: appending to a stored URL grows it until "uri too large".
    /// </summary>
    public static Uri SignedUrl(Uri baseUrl, long unixMilliseconds, string secret)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var separator = string.IsNullOrEmpty(baseUrl.Query) ? "?" : "&";
        var sign = Uri.EscapeDataString(Sign(unixMilliseconds, secret));
        return new Uri(string.Create(CultureInfo.InvariantCulture, $"{baseUrl.AbsoluteUri}{separator}timestamp={unixMilliseconds}&sign={sign}"));
    }
}
