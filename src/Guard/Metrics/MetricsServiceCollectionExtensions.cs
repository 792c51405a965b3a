using Guard.Configuration;
using Guard.Metrics;
using Guard.Probing;
using Microsoft.Extensions.Hosting;

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
            sp.GetService<ProbeScheduler>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<MetricsEndpoint>>()));
        return services;
    }
}
