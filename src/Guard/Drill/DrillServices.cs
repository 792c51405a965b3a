using Guard.Configuration;
using Guard.Probing.Keys;
using Guard.Recovery;
using Microsoft.Extensions.DependencyInjection;

namespace Guard.Drill;

/// <summary>The small containers the one-shot drills need; no host, no hosted services.</summary>
internal static class DrillServices
{
    /// <summary>The real probe engine, but every key comes from <see cref="CorruptedApiKeySource"/>.</summary>
    public static ServiceProvider ForAuth(GuardOptions options)
    {
        var services = Base(options);
        services.AddSingleton<IApiKeySource, CorruptedApiKeySource>();
        services.AddGuardProbing();
        return services.BuildServiceProvider();
    }

    public static ServiceProvider ForRestart(GuardOptions options)
    {
        var services = Base(options);
        services.AddHttpClient(GatewayHealthProbe.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan).RemoveAllLoggers();
        services.AddSingleton<GatewayHealthProbe>();
        services.AddSingleton<GatewayRestarter>();
        services.AddGuardSystemd(o => o.Bus = options.Recovery.Bus);
        return services.BuildServiceProvider();
    }

    private static ServiceCollection Base(GuardOptions options) => OneShotServices.Create(options);
}
