using Guard.Configuration;
using Guard.Logging;
using Serilog;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Guard's Serilog pipeline and the <see cref="SecretRedactor"/> singleton.</summary>
public static class GuardLoggingServiceCollectionExtensions
{
    /// <summary>
    /// Builds the redactor from <paramref name="options"/> and the environment, routes all
    /// Microsoft.Extensions.Logging output through the redacted Serilog sinks (console + file), and logs
    /// a startup notice. Other areas take <see cref="SecretRedactor"/> from DI to mask provider error text.
    /// </summary>
    public static IServiceCollection AddGuardLogging(
        this IServiceCollection services, GuardOptions options, Func<string, string?>? getEnvironmentVariable = null, TextWriter? console = null,
        IEnumerable<string?>? moreSecrets = null, IReadOnlyList<ModelDefinition>? models = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        getEnvironmentVariable ??= Environment.GetEnvironmentVariable;
        models ??= ModelCatalog.Resolve(options, null);
        var redactor = SecretRedactor.FromOptions(options, getEnvironmentVariable, models).With(moreSecrets ?? []);
        var underSystemd = GuardLogging.IsUnderSystemd(getEnvironmentVariable);
        // A test's console writer means "capture the lines": never divert them to a journald.
        var journald = console is null && GuardLogging.IsJournaldAvailable(getEnvironmentVariable);
        var logger = GuardLogging.CreateLogger(options.Logging, options.DataDirectory, redactor, underSystemd, console, journald);
        services.AddSingleton(redactor);
        services.AddSerilog(logger, dispose: true);
        services.AddHostedService(sp => new LoggingStartupNotice(
            options,
            models,
            redactor,
            GuardLogging.EffectiveConsoleFormat(options.Logging.ConsoleFormat, underSystemd, journald),
            getEnvironmentVariable,
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<LoggingStartupNotice>>()));
        return services;
    }
}
