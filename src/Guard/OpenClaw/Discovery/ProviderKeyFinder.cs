using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Guard.OpenClaw.Discovery;

/// <summary>
/// Finds the key the gateway uses for one provider, in every shape a home holds it: an auth-profile marker in
/// <c>apiKey</c> (<c>"p4:manual"</c>) or a SecretRef object (both authoritative: never a fall-through), then the
/// provider's auth profiles in OpenClaw's order (JSON files or SQLite, <c>key</c> or <c>keyRef</c>), then a
/// <c>${VAR}</c>/<c>$VAR</c> reference, the provider's usual variables, and last an inline key. A redaction marker
/// (what <c>openclaw config get</c> prints for every key), a profile id or a value that is no key is never returned.
/// </summary>
public sealed partial class ProviderKeyFinder(
    IReadOnlyList<AuthProfile> profiles,
    IReadOnlyDictionary<string, List<string>> order,
    IReadOnlySet<string> configuredProfileIds,
    OpenClawEnvironment environment,
    SecretRefReader secretRefs)
{
    public const string ProfileKeyPrefix = "openclaw:profile:";
    public const string InlineKeyPrefix = "openclaw:config:";
    public const string SecretKeyPrefix = "openclaw:secret:";

    public KeyResolution Find(string provider, JsonObject? custom)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var path = $"models.providers.{provider}.apiKey";
        var apiKey = custom?["apiKey"];
        if (SecretRefReader.IsSecretRef(apiKey))
        {
            var (value, origin) = secretRefs.Resolve(apiKey!, path);
            return Checked(new KeyResolution(SecretKeyPrefix + path, value, origin));
        }

        var text = AuthProfileStore.Str(apiKey)?.Trim();
        if (text is not null && IsRedactionMarker(text))
        {
            return new KeyResolution(InlineKeyPrefix + path, null,
                $"{path} in openclaw.json is the redaction marker '{text}' (output of `openclaw config get` pasted back?), not a key");
        }

        if (text is not null && IsProfileMarker(text, provider))
        {
            var pointed = profiles.FirstOrDefault(p => p.Id == text);
            return pointed is null
                ? new KeyResolution(ProfileKeyPrefix + text, null,
                    $"{path} names auth profile '{text}', which none of the auth stores Guard can read holds")
                : FromProfile(pointed, $"{path} → auth profile {text}") ?? new KeyResolution(ProfileKeyPrefix + text, null,
                    $"{path} names auth profile '{text}' ({pointed.Type}), which holds no API key Guard can use");
        }

        var tried = new List<string>();
        foreach (var profile in Ranked(provider))
        {
            if (FromProfile(profile, $"auth profile {profile.Id}") is { Found: true } fromProfile)
            {
                return fromProfile;
            }

            tried.Add($"profile {profile.Id} ({profile.Type})");
        }

        var names = new List<string>();
        if (text is not null)
        {
            names.AddRange(EnvReferences.Names(text));
            if (ShorthandReference().Match(text) is { Success: true } shorthand)
            {
                names.Add(shorthand.Groups[1].Value);
            }
        }

        var referenced = names.Count > 0;
        names.AddRange(OpenClawProviders.KeyEnvNames(provider));
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            if (environment.Lookup(name) is { Value: { } value, Where: var where })
            {
                var resolved = Checked(new KeyResolution(name, value, $"${name} ({where})"));
                if (resolved.Found)
                {
                    return resolved;
                }
            }

            tried.Add("$" + name);
        }

        if (text is not null && !referenced && !text.Contains('$', StringComparison.Ordinal))
        {
            return Checked(new KeyResolution(InlineKeyPrefix + path, text, $"{path} in openclaw.json (inline)"));
        }

        return new KeyResolution(names.Count > 0 ? names[0] : Configuration.ProviderDefaults.GuessKeyEnv(provider), null,
            $"not found (tried {(tried.Count == 0 ? "nothing" : string.Join(", ", tried.Distinct(StringComparer.Ordinal)))})");
    }

    /// <summary><c>__OPENCLAW_REDACTED__</c> and its kin: what OpenClaw prints instead of a secret.</summary>
    public static bool IsRedactionMarker(string value) => RedactionMarker().IsMatch(value);

    /// <summary>A profile id where a key should be: <c>"&lt;provider&gt;:&lt;name&gt;"</c>, or any id a store or <c>auth.profiles</c> knows.</summary>
    public bool IsProfileMarker(string value, string provider) =>
        profiles.Any(p => p.Id == value) || configuredProfileIds.Contains(value)
        || (value.StartsWith(provider + ":", StringComparison.OrdinalIgnoreCase) && ProfileIdShape().IsMatch(value));

    private KeyResolution? FromProfile(AuthProfile profile, string label)
    {
        if (profile.Type != "api_key")
        {
            return null; // OAuth and subscription tokens need their provider's own sign-in flow, not a bearer key
        }

        if (profile.Key is { } key)
        {
            return Checked(new KeyResolution(ProfileKeyPrefix + profile.Id, key, $"{label} in {profile.File}"));
        }

        if (profile.KeyRef is { } keyRef && SecretRefReader.IsSecretRef(keyRef))
        {
            var (value, origin) = secretRefs.Resolve(keyRef, $"{label} keyRef");
            return Checked(new KeyResolution(ProfileKeyPrefix + profile.Id, value, origin));
        }

        return null;
    }

    /// <summary>Explicit order (<c>auth.order</c> or the store's), then <c>:default</c>, then by id.</summary>
    private IEnumerable<AuthProfile> Ranked(string provider)
    {
        var explicitOrder = order.GetValueOrDefault(provider) ?? [];
        return profiles
            .Where(p => string.Equals(p.Provider, provider, StringComparison.OrdinalIgnoreCase))
            .OrderBy(p => explicitOrder.IndexOf(p.Id) is var i && i >= 0 ? i : int.MaxValue)
            .ThenBy(p => p.Id.EndsWith(":default", StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(p => p.Id, StringComparer.Ordinal);
    }

    /// <summary>A found value that cannot be a key (a marker, a profile id, whitespace inside) is reported, not used.</summary>
    private KeyResolution Checked(KeyResolution resolution)
    {
        if (resolution.Value is not { } value)
        {
            return resolution;
        }

        var trimmed = value.Trim();
        var why = trimmed.Length == 0 ? "is empty"
            : IsRedactionMarker(trimmed) ? $"is the redaction marker '{trimmed}', not a key"
            : profiles.Any(p => p.Id == trimmed) || configuredProfileIds.Contains(trimmed) ? $"is the auth profile id '{trimmed}', not a key"
            : trimmed.Any(char.IsWhiteSpace) || trimmed.Any(char.IsControl) ? "contains whitespace or control characters, not a key"
            : null;
        return why is null ? resolution with { Value = trimmed } : resolution with { Value = null, Origin = $"{resolution.Origin} {why}" };
    }

    [GeneratedRegex(@"^__[A-Z0-9_]*REDACTED[A-Z0-9_]*__$", RegexOptions.None, 1000)]
    private static partial Regex RedactionMarker();

    [GeneratedRegex(@"^[A-Za-z0-9._-]+:[A-Za-z0-9._@+-]+$", RegexOptions.None, 1000)]
    private static partial Regex ProfileIdShape();

    [GeneratedRegex(@"^\$([A-Z][A-Z0-9_]*)$", RegexOptions.None, 1000)]
    private static partial Regex ShorthandReference();
}
