namespace Guard.OpenClaw.Discovery;

/// <summary>
/// OpenClaw's auth-profile ids: <c>&lt;provider&gt;:&lt;name&gt;</c> for stored profiles, and, from 2026.9, the synthetic
/// <c>inline-api-key:&lt;provider&gt;</c> under which it tracks cooldowns of keys given inline or through the environment.
/// </summary>
public static class ProfileIds
{
    public const string InlineKeyPrefix = "inline-api-key:";

    /// <summary>The provider a profile id belongs to, as far as the id itself says.</summary>
    public static string ProviderOf(string profileId)
    {
        ArgumentNullException.ThrowIfNull(profileId);
        if (profileId.StartsWith(InlineKeyPrefix, StringComparison.Ordinal))
        {
            return profileId[InlineKeyPrefix.Length..];
        }

        var colon = profileId.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? profileId[..colon] : profileId;
    }
}
