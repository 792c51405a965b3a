using Guard.Chain;
using System.Globalization;
using Guard.Configuration;

namespace Guard.OpenClaw.Discovery;

/// <summary>
/// The gateway's health URL: <c>Guard:OpenClaw:HealthUrl</c> when the owner set one, else the default URL on the port
/// openclaw.json names (<c>gateway.port</c>), so a gateway moved to another port is still checked where it listens.
/// </summary>
public static class GatewayHealthUrl
{
    public static string? For(OpenClawOptions options, IModelChain chain)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(chain);
        var configured = options.HealthUrl;
        if (!string.Equals(configured, OpenClawOptions.DefaultHealthUrl, StringComparison.Ordinal) || !options.Discover)
        {
            return configured;
        }

        return chain.Discovery(options)?.GatewayPort is { } port
            ? $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/healthz"
            : configured;
    }
}
