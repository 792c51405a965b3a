using Guard.Chain;
using Guard.Configuration;
using Guard.Logging;
using Guard.OpenClaw.Discovery;
using Guard.Probing;
using Guard.Probing.Keys;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Guard.Cli;

/// <summary>The minimal container a one-shot command needs to probe: no host, no hosted services.</summary>
internal static class ProbeServices
{
    /// <summary>
    /// Per-attempt records go to the log file only (one JSON line per HTTP attempt); the console carries the
    /// command's own table or JSON, which already says everything the records do.
    /// </summary>
    public static ServiceProvider Build(GuardOptions options, IModelChain chain)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(chain);
        var redactor = SecretRedactor.FromOptions(options, OpenClawBootstrap.KeyLookup(chain), chain.Resolve(options))
            .With(chain.Discovery(options.OpenClaw)?.Secrets ?? []);
        var services = new ServiceCollection();
        services.AddSingleton(chain);
        services.AddSingleton<IApiKeySource>(new OpenClawApiKeySource(chain));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(redactor);
        services.AddSingleton(GuardLogging.CreateLoggerFactory(options, redactor, includeFile: options.Logging.FileEnabled, console: TextWriter.Null));
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddGuardProbing();
        services.AddSingleton<ProbeRoundRunner>();
        return services.BuildServiceProvider();
    }
}
