using Guard.Configuration;
using Guard.Systemd;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Guard's systemd access.</summary>
public static class SystemdServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ISystemdManager"/> as a singleton. The bus kind comes from <c>Guard:Recovery:Bus</c>
    /// (via <see cref="LiveOptions"/>, read once at start) unless <paramref name="configure"/> sets it.
    /// </summary>
    public static IServiceCollection AddGuardSystemd(this IServiceCollection services, Action<SystemdBusOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<ISystemdManager>(sp =>
        {
            var options = new SystemdBusOptions
            {
                Bus = sp.GetService<LiveOptions>()?.Current.Recovery.Bus ?? BusKind.User,
            };
            configure?.Invoke(options);
            return new DBusSystemdManager(options, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<DBusSystemdManager>>());
        });
        return services;
    }
}
