using System.Text.Json;
using System.Text.Json.Nodes;
using Guard.OpenClaw.Discovery;

namespace Guard.OpenClaw.Cli;

/// <summary>
/// Reads and writes <c>agents.defaults.model</c> through the <c>openclaw</c> CLI. One <c>config set</c> of the whole
/// <c>{primary, fallbacks}</c> object is one atomic config write and one hot reload; the
/// <c>models set</c> + <c>models fallbacks clear/add</c> sequence would leave a half-written chain when a call failed.
/// </summary>
public sealed class OpenClawChainWriter(OpenClawCli cli, OpenClawPaths paths)
{
    public bool Available => cli.Available;

    /// <summary>The chain as openclaw.json holds it now (primary first), or the problem reading it.</summary>
    public async Task<(IReadOnlyList<string>? Chain, string? Problem)> ReadAsync(CancellationToken cancellationToken)
    {
        var (value, result) = await cli.GetConfigAsync(OpenClawDiscoveryResult.DefaultModelPath, Environment(), cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return (null, result.Problem);
        }

        return Parse(value) is { } chain ? (chain, null) : (null, "agents.defaults.model is neither a model ref nor {primary, fallbacks}");
    }

    /// <summary>Writes the chain; null on success, else the problem.</summary>
    public async Task<string?> WriteAsync(IReadOnlyList<string> chain, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentOutOfRangeException.ThrowIfZero(chain.Count);
        var result = await cli.RunAsync(["config", "set", OpenClawDiscoveryResult.DefaultModelPath, ToJson(chain), "--json"], cancellationToken, Environment())
            .ConfigureAwait(false);
        return result.Succeeded ? null : result.Problem;
    }

    /// <summary>The value written: <c>{"primary":"a/x","fallbacks":["b/y",…]}</c>.</summary>
    public static string ToJson(IReadOnlyList<string> chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var fallbacks = new JsonArray();
        foreach (var id in chain.Skip(1))
        {
            fallbacks.Add((JsonNode?)JsonValue.Create(id));
        }

        return new JsonObject { ["primary"] = chain[0], ["fallbacks"] = fallbacks }.ToJsonString();
    }

    /// <summary>A string (primary only) or <c>{primary, fallbacks}</c>; null for anything else.</summary>
    public static IReadOnlyList<string>? Parse(JsonNode? value)
    {
        try
        {
            if (value is JsonValue single && single.GetValueKind() == JsonValueKind.String)
            {
                return [single.GetValue<string>().Trim()];
            }

            if (value is JsonObject obj && obj["primary"] is JsonValue p && p.GetValueKind() == JsonValueKind.String)
            {
                var chain = new List<string> { p.GetValue<string>().Trim() };
                if (obj["fallbacks"] is JsonArray fallbacks)
                {
                    chain.AddRange(fallbacks.OfType<JsonValue>().Where(f => f.GetValueKind() == JsonValueKind.String).Select(f => f.GetValue<string>().Trim()));
                }

                return chain;
            }
        }
        catch (InvalidOperationException)
        {
            // A value of an unexpected type: treated as unreadable below.
        }

        return null;
    }

    private Dictionary<string, string> Environment() =>
        new() { ["OPENCLAW_CONFIG_PATH"] = paths.ConfigPath, ["OPENCLAW_STATE_DIR"] = paths.StateDirectory };
}
