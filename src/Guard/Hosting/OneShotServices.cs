using Guard.Chain;
using Guard.Configuration;
using Guard.Logging;
using Guard.OpenClaw.Discovery;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The base container of every one-shot command and drill (no host, no hosted loops): the model chain, the clock, the
/// redactor built from that chain's keys, and loggers writing to the log file only (the console carries the command's
/// own output). One place, so no command can leave one out — <c>guard restart-gateway</c> once crashed that way.
/// </summary>
public static class OneShotServices
{
    public static ServiceCollection Create(GuardOptions options, IModelChain? chain = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        chain ??= new ModelChain();
        var redactor = SecretRedactor.FromOptions(options, OpenClawBootstrap.KeyLookup(chain), chain.Resolve(options))
            .With(chain.Discovery(options.OpenClaw)?.Secrets ?? []);
        var services = new ServiceCollection();
        services.AddSingleton(chain);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(redactor);
        services.AddSingleton(GuardLogging.CreateLoggerFactory(options, redactor, includeFile: options.Logging.FileEnabled, console: TextWriter.Null));
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        return services;
    }
}
