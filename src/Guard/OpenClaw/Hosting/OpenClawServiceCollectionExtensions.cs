using Guard.Alerts.Rendering;
using Guard.OpenClaw.Advice;
using Guard.OpenClaw.Discovery;
using Guard.OpenClaw.GatewayLog;
using Guard.OpenClaw.Heartbeat;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the OpenClaw integration: discovered keys for the prober, rediscovery, the gateway log watcher with
/// gateway-stuck detection (needs AddGuardRecovery), the heartbeat feed and the chain advisor. Call before AddGuardProbing.
/// </summary>
public static class OpenClawServiceCollectionExtensions
{
    public static IServiceCollection AddGuardOpenClaw(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<GatewayEvidenceRecorder>();
        services.AddSingleton<IGatewayRestartRequester, RecoveryActorRestartRequester>();
        services.AddSingleton<GatewayStuckDetector>();
        services.AddSingleton<GatewayLogWatcher>();
        services.AddSingleton<OpenClawDiscoveryService>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<OpenClawDiscoveryService>());
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<GatewayLogWatcher>());
        services.AddSingleton<HeartbeatFeed>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<HeartbeatFeed>());
        services.TryAddSingleton<IChainAdviceSource, ChainAdviceSource>();
        services.AddSingleton<ChainReorderer>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<ChainReorderer>());
        return services;
    }
}
