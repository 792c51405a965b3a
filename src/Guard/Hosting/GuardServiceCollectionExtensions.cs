using Guard.Chain;
using Guard.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Composes Guard's services; each concern adds itself here.</summary>
public static class GuardServiceCollectionExtensions
{
    public static IServiceCollection AddGuardCore(this IServiceCollection services, IConfiguration configuration, GuardOptions initial, ConfigFileStatus? files = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(initial);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IModelChain, ModelChain>();
        services.AddOptionsWithValidateOnStart<GuardOptions, GuardOptionsValidator>()
            .Bind(configuration.GetSection(GuardOptions.SectionName))
            .PostConfigure(options =>
            {
                GuardOptionsLoader.ReplaceDefaultLists(configuration.GetSection(GuardOptions.SectionName), options);
                GuardOptionsLoader.ExpandPaths(options);
            });
        services.AddSingleton<IValidateOptions<GuardOptions>, GuardOptionsCrossFieldValidator>();
        services.AddSingleton(sp => new LiveOptions(
            initial, configuration, sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<LiveOptions>>(), files,
            time: sp.GetRequiredService<TimeProvider>()));

        // First hosted service, so it stops last and saves what the others changed while stopping.
        services.AddGuardState();
        return services;
    }
}
