using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Guard.OpenClaw.Cli;
using Guard.OpenClaw.Discovery;

namespace Guard.OpenClaw.Cooldowns;

/// <summary>
/// <c>openclaw models status --json</c> → <c>auth.unusableProfiles[] = {profileId, provider, kind: "cooldown"|"disabled",
/// reason, until, remainingMs}</c>: the gateway's own view of held-back profiles, whatever storage layout it uses
/// (JSON files or SQLite). Costs no tokens.
/// </summary>
public static class UnusableProfiles
{
    /// <summary>The profiles, or the problem (CLI failed, hung, or printed no JSON). Malformed entries are skipped and counted.</summary>
    public static async Task<(IReadOnlyList<ProfileUsage> Profiles, string? Problem)> ReadAsync(
        OpenClawCli cli, OpenClawPaths paths, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cli);
        ArgumentNullException.ThrowIfNull(paths);
        var env = new Dictionary<string, string> { ["OPENCLAW_CONFIG_PATH"] = paths.ConfigPath, ["OPENCLAW_STATE_DIR"] = paths.StateDirectory };
        var result = await cli.RunAsync(["models", "status", "--json"], cancellationToken, env).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return ([], result.Problem);
        }

        var (ok, json) = OpenClawCli.ParseJson(result.Output);
        if (!ok)
        {
            return ([], "'openclaw models status --json' printed no JSON");
        }

        var (profiles, skipped) = Parse(json, now);
        return (profiles, skipped > 0 ? $"'openclaw models status --json': {skipped} unusableProfiles entries without profileId or until were skipped" : null);
    }

    public static (IReadOnlyList<ProfileUsage> Profiles, int Skipped) Parse(JsonNode? root, DateTimeOffset now)
    {
        var profiles = new List<ProfileUsage>();
        var skipped = 0;
        if (root?["auth"]?["unusableProfiles"] is not JsonArray entries)
        {
            return (profiles, 0);
        }

        foreach (var entry in entries)
        {
            if (entry is not JsonObject obj || Text(obj["profileId"]) is not { } id || Until(obj, now) is not { } until)
            {
                skipped++;
                continue;
            }

            var reason = Text(obj["reason"]);
            var disabled = string.Equals(Text(obj["kind"]), "disabled", StringComparison.OrdinalIgnoreCase);
            profiles.Add(disabled
                ? new ProfileUsage(id, null, null, null, until, reason, 0, Text(obj["provider"]))
                : new ProfileUsage(id, until, reason, null, null, null, 0, Text(obj["provider"])));
        }

        return (profiles, skipped);
    }

    /// <summary><c>until</c> as epoch milliseconds or an ISO time; else now + <c>remainingMs</c>.</summary>
    private static DateTimeOffset? Until(JsonObject entry, DateTimeOffset now)
    {
        if (Number(entry["until"]) is { } ms && ms is > 0 and < 253402300799999)
        {
            return DateTimeOffset.FromUnixTimeMilliseconds((long)ms);
        }

        if (Text(entry["until"]) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return at;
        }

        return Number(entry["remainingMs"]) is { } remaining && remaining is >= 0 and < 1e12 ? now.AddMilliseconds(remaining) : null;
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() is { Length: > 0 } s ? s : null;

    private static double? Number(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out var d) && double.IsFinite(d) ? d : null;
}
