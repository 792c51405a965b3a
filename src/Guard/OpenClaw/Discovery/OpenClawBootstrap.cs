using Guard.Chain;
using Guard.Configuration;

namespace Guard.OpenClaw.Discovery;

/// <summary>Runs one discovery for <c>Guard:OpenClaw</c> and publishes it, so every later chain resolution includes it.</summary>
public static class OpenClawBootstrap
{
    /// <summary>Null when <c>Guard:OpenClaw:Discover</c> is off.</summary>
    public static async Task<OpenClawDiscoveryResult?> DiscoverAsync(GuardOptions options, IModelChain chain, CancellationToken cancellationToken,
        Func<string, string?>? getEnv = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(chain);
        if (!options.OpenClaw.Discover)
        {
            return null;
        }

        getEnv ??= Environment.GetEnvironmentVariable;
        var result = await new OpenClawDiscoverer(getEnv).DiscoverAsync(options.OpenClaw, cancellationToken).ConfigureAwait(false);
        chain.Publish(options.OpenClaw, result);
        return result;
    }

    /// <summary>The environment, then discovered keys: what the redactor and the startup notice look keys up with.</summary>
    public static Func<string, string?> KeyLookup(IModelChain chain, Func<string, string?>? getEnv = null)
    {
        var env = getEnv ?? Environment.GetEnvironmentVariable;
        var source = new OpenClawApiKeySource(chain, env);
        return name => env(name) ?? source.GetKey(name);
    }
}
