using Guard.Probing;
using Guard.Probing.Http;
using Guard.Probing.Keys;
using Guard.Quota;
using Guard.Quota.Alerts;
using Guard.Quota.Reported;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the quota watch (needs the composition root's core; stores the probe rounds' quota readings from the event bus).</summary>
public static class QuotaServiceCollectionExtensions
{
    public static IServiceCollection AddGuardQuota(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<CriticalCommandRunner>();
        services.TryAddSingleton<ProbeQuotaFeed>();
        services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<QuotaCheck>(sp, OptionalPoller(sp)));
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<QuotaCheck>());
        services.AddSingleton<IHostedService, ProbeQuotaListener>();
        return services;
    }

    /// <summary>Zhipu's plan quota is asked through the probe executor, so only where probing is registered.</summary>
    private static object[] OptionalPoller(IServiceProvider services) =>
        services.GetService<ProbeHttpExecutor>() is { } http
            ? [new ZhipuPlanPoller(http, services.GetRequiredService<IApiKeySource>(), services.GetRequiredService<ProbeTuning>(), services.GetRequiredService<TimeProvider>())]
            : [];
}
