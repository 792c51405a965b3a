using System.Net;
using Guard.Probing;
using Guard.Probing.Classification;
using Guard.Probing.Http;
using Guard.Probing.Keys;
using Guard.Probing.Providers;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the probe engine: HttpClient, provider adapters, classifier and <see cref="IModelProber"/>.</summary>
public static class ProbingServiceCollectionExtensions
{
    public static IServiceCollection AddGuardProbing(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(ProbeTuning.Default);
        services.TryAddSingleton<IApiKeySource, EnvironmentApiKeySource>();
        services.TryAddSingleton<FailureClassifier>();
        services.AddHttpClient(ProbeHttpClient.Name, client =>
            {
                // Polly owns the per-probe timeout (on the injected TimeProvider); HttpClient's own would race it.
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd(ProbeHttpClient.UserAgent);
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // A redirect would carry the key to whatever host it names; a probe reports it instead.
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                AutomaticDecompression = DecompressionMethods.All,
                UseCookies = false,
            })

            // Our own per-attempt records carry what matters; the factory's would repeat URLs and headers.
            .RemoveAllLoggers()

            // One handler for the process: PooledConnectionLifetime already renews connections (and DNS); the
            // factory's default 2-minute rotation would rebuild the pool and its timers for nothing.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        services.TryAddSingleton<ProbeHttpExecutor>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IProviderAdapter, OpenAiCompletionsAdapter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IProviderAdapter, AnthropicMessagesAdapter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IProviderAdapter, GoogleGenerativeAiAdapter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IProviderAdapter, CodingPlanAdapter>());
        services.TryAddSingleton<IModelProber, ModelProber>();
        services.TryAddSingleton<ProbeRoundRunner>();
        return services;
    }
}
