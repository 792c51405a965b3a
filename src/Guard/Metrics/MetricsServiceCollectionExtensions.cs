using Guard.Configuration;
using Guard.Events;
using Guard.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="GuardMetrics"/> and its endpoint (which does nothing unless Guard:Metrics:Enabled).</summary>
public static class MetricsServiceCollectionExtensions
{
    public static IServiceCollection AddGuardMetrics(this IServiceCollection services, GuardOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton<GuardMetrics>();
        services.AddSingleton<IHostedService>(sp => new MetricsEndpoint(
            options.Metrics,
            sp.GetRequiredService<GuardMetrics>(),
            sp.GetRequiredService<ILogger<MetricsEndpoint>>()));
        if (options.Metrics.Enabled)
        {
            services.AddSingleton<IHostedService>(sp => new MetricsRoundListener(
                sp.GetRequiredService<IEventSubscriber>(), sp.GetRequiredService<GuardMetrics>(), sp.GetRequiredService<ILogger<MetricsRoundListener>>()));
        }

        return services;
    }
}
