using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Guard.Alerts.Channels;

/// <summary>
/// Standard Webhooks signing: <c>v1,</c> + Base64(HMAC-SHA256(key, id + "." + timestamp + "." + body)).
/// A <c>whsec_</c> secret carries base64 key bytes; any other secret is used as UTF-8.
/// </summary>
public static class StandardWebhookSigner
{
    public const string Prefix = "whsec_";

    public static byte[] KeyBytes(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.StartsWith(Prefix, StringComparison.Ordinal))
        {
            try
            {
                return Convert.FromBase64String(secret[Prefix.Length..]);
            }
            catch (FormatException)
            {
                // Not base64 after all: fall through and use the text, as the receiver's copy is the same text.
            }
        }

        return Encoding.UTF8.GetBytes(secret);
    }

    public static string Sign(string id, long unixSeconds, ReadOnlySpan<byte> body, string secret)
    {
        ArgumentNullException.ThrowIfNull(id);
        var prefix = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{id}.{unixSeconds}."));
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(KeyBytes(secret), content));
    }
}
