using Guard.Alerts;
using Guard.Alerts.AlertFile;
using Guard.Alerts.Outbox;
using Guard.Alerts.Rendering;
using Guard.Alerts.Sources;
using Guard.Configuration;
using Guard.Logging;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the alert engine: outbox, manager (<see cref="IAlertPublisher"/>), dispatcher, transition source.</summary>
public static class AlertsServiceCollectionExtensions
{
    /// <summary>
    /// Needs <see cref="LiveOptions"/> and <see cref="SecretRedactor"/> (the composition root's core) and, for the
    /// transition source, AddGuardProbeLoop. Paths are fixed at start (a reloaded DataDirectory applies after a restart).
    /// </summary>
    public static IServiceCollection AddGuardAlerts(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddGuardAlertChannels();
        services.TryAddSingleton(sp => AlertOutbox.Open(
            AlertOutbox.PathIn(sp.GetRequiredService<LiveOptions>().Current.DataDirectory),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<AlertOutbox>>()));
        services.TryAddSingleton(sp => new AlertFileWriter(
            AlertFileWriter.PathIn(sp.GetRequiredService<LiveOptions>().Current.DataDirectory),
            sp.GetRequiredService<ILogger<AlertFileWriter>>()));
        services.TryAddSingleton<AlertRenderer>();
        services.TryAddSingleton<AlertManager>();
        services.AddSingleton<IAlertPublisher>(sp => sp.GetRequiredService<AlertManager>());
        services.TryAddSingleton<AlertDispatcher>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<AlertDispatcher>());
        services.TryAddSingleton<TransitionAlertSource>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<TransitionAlertSource>());
        return services;
    }
}
