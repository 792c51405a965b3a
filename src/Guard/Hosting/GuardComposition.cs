using Guard.Alerts;
using Guard.Configuration;
using Guard.Events;
using Guard.Logging;
using Guard.OpenClaw.Discovery;
using Guard.Probing.Keys;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Guard's one composition root. <c>guard run</c>'s host, every one-shot command and both drills are composed here:
/// the core (model chain, clock, event bus, redactor, logging, live options) once, then the features the caller asks for, then
/// the caller's overrides. A one-shot container has no host, so its hosted loops never run.
/// </summary>
public static class GuardComposition
{
    /// <summary>A one-shot command's or drill's container: no host, so no hosted loop runs.</summary>
    public static ServiceProvider Build(CompositionRequest request) => Compose(new ServiceCollection(), request).BuildServiceProvider();

    public static IServiceCollection Compose(IServiceCollection services, CompositionRequest request)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(request);
        var (options, chain, features) = (request.Options, request.Chain, request.Features);
        services.AddSingleton(chain);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<EventHub>();
        services.AddSingleton<IEventPublisher>(sp => sp.GetRequiredService<EventHub>());
        services.AddSingleton<IEventSubscriber>(sp => sp.GetRequiredService<EventHub>());
        AddLogging(services, request);
        if (request.Configuration is { } configuration)
        {
            services.AddSingleton(sp => new LiveOptions(
                options, configuration, sp.GetRequiredService<ILogger<LiveOptions>>(), request.Files, time: sp.GetRequiredService<TimeProvider>()));
        }

        // The real publisher only with the alert engine; every other container's areas raise into nothing.
        if (!features.HasFlag(GuardFeatures.Alerts))
        {
            services.AddSingleton<IAlertPublisher>(NullAlertPublisher.Instance);
        }

        // First hosted service, so it stops last and saves what the others changed while stopping.
        Add(features, GuardFeatures.State, services.AddGuardState);
        if (features.HasFlag(GuardFeatures.Probing))
        {
            services.AddSingleton<IApiKeySource>(new OpenClawApiKeySource(chain));
            services.AddGuardProbing();
        }

        Add(features, GuardFeatures.OpenClaw, services.AddGuardOpenClaw);
        Add(features, GuardFeatures.ProbeLoop, services.AddGuardProbeLoop);
        if (features.HasFlag(GuardFeatures.Alerts))
        {
            services.AddGuardAlerts();
        }
        else
        {
            Add(features, GuardFeatures.AlertChannels, services.AddGuardAlertChannels);
        }

        Add(features, GuardFeatures.Systemd, () => services.AddGuardSystemd(o => o.Bus = options.Recovery.Bus));
        Add(features, GuardFeatures.Recovery, services.AddGuardRecovery);
        Add(features, GuardFeatures.Watchdog, services.AddGuardWatchdog);
        Add(features, GuardFeatures.Metrics, () => services.AddGuardMetrics(options));
        Add(features, GuardFeatures.Quota, services.AddGuardQuota);
        foreach (var replacement in request.Overrides)
        {
            services.Replace(replacement);
        }

        return services;
    }

    private static void Add(GuardFeatures features, GuardFeatures feature, Func<IServiceCollection> add)
    {
        if (features.HasFlag(feature))
        {
            add();
        }
    }

    private static void AddLogging(IServiceCollection services, CompositionRequest request)
    {
        var (options, chain) = (request.Options, request.Chain);
        var secrets = chain.Discovery(options.OpenClaw)?.Secrets;
        if (request.ConsoleLogging)
        {
            services.AddGuardLogging(options, OpenClawBootstrap.KeyLookup(chain), moreSecrets: secrets, models: chain.Resolve(options));
            return;
        }

        var redactor = SecretRedactor.FromOptions(options, OpenClawBootstrap.KeyLookup(chain), chain.Resolve(options)).With(secrets ?? []);
        services.AddSingleton(redactor);
        services.AddSingleton(GuardLogging.CreateLoggerFactory(options, redactor, includeFile: options.Logging.FileEnabled, console: TextWriter.Null));
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
    }
}
