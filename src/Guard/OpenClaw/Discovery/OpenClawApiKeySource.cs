using Guard.Chain;
using Guard.Probing.Keys;

namespace Guard.OpenClaw.Discovery;

/// <summary>
/// Keys from the process environment first, then the keys discovery found (auth profiles, ~/.openclaw/.env, the config's
/// env block, inline provider keys). Read on every call, so a rediscovered key is used without a restart.
/// </summary>
public sealed class OpenClawApiKeySource(IModelChain chain, Func<string, string?>? getEnv = null) : IApiKeySource
{
    private readonly Func<string, string?> _getEnv = getEnv ?? Environment.GetEnvironmentVariable;

    public string? GetKey(string variableName)
    {
        if (string.IsNullOrWhiteSpace(variableName))
        {
            return null;
        }

        var fromEnv = variableName.StartsWith("openclaw:", StringComparison.Ordinal) ? null : _getEnv(variableName);
        return string.IsNullOrEmpty(fromEnv) ? chain.FindKey(variableName) : fromEnv;
    }
}
