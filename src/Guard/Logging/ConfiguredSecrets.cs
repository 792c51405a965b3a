using System.Collections.Frozen;
using Guard.Configuration;

namespace Guard.Logging;

/// <summary>The secret values a configuration points at: API keys, webhook URL tokens, signing secrets, bot tokens.</summary>
internal static class ConfiguredSecrets
{
    // Header names whose inline values are credentials even though keys belong in ApiKeyEnv.
    private static readonly string[] SecretHeaderHints = ["auth", "key", "token", "secret", "signature"];

    // Query parameters that are never secret; everything else on a webhook URL is treated as one.
    private static readonly FrozenSet<string> PublicQueryNames = FrozenSet.Create(StringComparer.OrdinalIgnoreCase, "timestamp", "msgtype", "v", "version");

    public static IEnumerable<string> Collect(GuardOptions options, IEnumerable<ModelDefinition> models, Func<string, string?> getEnv)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(getEnv);
        var secrets = new List<string>();
        foreach (var model in models)
        {
            Add(secrets, Lookup(getEnv, model.ApiKeyEnv));
            foreach (var (name, value) in model.Headers)
            {
                if (SecretHeaderHints.Any(h => name.Contains(h, StringComparison.OrdinalIgnoreCase)))
                {
                    Add(secrets, value);
                    Add(secrets, StripScheme(value));
                }
            }
        }

        foreach (var channel in options.Alerts.Channels)
        {
            Add(secrets, Lookup(getEnv, channel.SecretEnv));
            Add(secrets, Lookup(getEnv, channel.TokenEnv));
            secrets.AddRange(UrlTokens(channel.Url));
            secrets.AddRange(UrlTokens(Lookup(getEnv, channel.UrlEnv)));
        }

        return secrets;
    }

    /// <summary>
    /// The credential parts of a webhook URL (query values, user info, token-shaped path segments) rather
    /// than the whole URL, so logs still show which host was called.
    /// </summary>
    internal static IEnumerable<string> UrlTokens(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            yield break;
        }

        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
        {
            yield return url.Trim();
            yield break;
        }

        if (uri.UserInfo.Length > 0)
        {
            yield return uri.UserInfo;
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0)
            {
                yield return uri.UserInfo[(colon + 1)..];
            }
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && !PublicQueryNames.Contains(pair[..eq]))
            {
                yield return pair[(eq + 1)..];
                yield return Uri.UnescapeDataString(pair[(eq + 1)..]);
            }
        }

        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = Uri.UnescapeDataString(segments[i]);
            var afterMarker = i > 0 && segments[i - 1] is "hook" or "hooks" or "webhook" or "webhooks";
            if (segment.StartsWith("bot", StringComparison.Ordinal) && segment.Contains(':', StringComparison.Ordinal))
            {
                yield return segment[3..]; // Telegram /bot<id>:<token>
            }
            else if (afterMarker || LooksLikeToken(segment))
            {
                yield return segment;
            }
        }
    }

    private static bool LooksLikeToken(string segment) =>
        segment.Length >= 16 && segment.Any(char.IsDigit) && segment.Any(char.IsLetter);

    private static string? Lookup(Func<string, string?> getEnv, string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : getEnv(name);

    private static string? StripScheme(string value)
    {
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 ? value[(space + 1)..] : null;
    }

    private static void Add(List<string> secrets, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            secrets.Add(value.Trim());
        }
    }
}
