using Guard.Chain;
using Guard.Configuration;
using System.CommandLine;
using Guard.OpenClaw.Discovery;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Guard.Cli;

/// <summary><c>guard run</c>: the long-running service.</summary>
public static class RunCommand
{
    /// <param name="global">The options every command shares.</param>
    /// <param name="overrides">Registrations replacing the service's own (see <see cref="GuardCommandLine.Create"/>).</param>
    public static Command Create(GlobalCliOptions global, IReadOnlyList<ServiceDescriptor> overrides)
    {
        var command = new Command("run", "Run Guard as a service (under systemd: Type=notify, journald-friendly logs)");
        command.SetAction(async (parse, cancellationToken) =>
        {
            var loaded = ConfigGate.TryLoad(parse, global, parse.InvocationConfiguration.Error, reloadOnChange: true, requireChannelSecrets: true);
            if (loaded is null)
            {
                return ExitCodes.Config;
            }

            // Empty rather than DisableDefaults: the defaults (console and EventLog loggers, JSON and environment
            // sources) are then not just switched off but left out of the native binary, whose size is most of Guard's RSS.
            var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
            {
                ContentRootPath = AppContext.BaseDirectory,
            });
            builder.Configuration.AddConfiguration(loaded.Configuration);

            // Discovered before logging starts, so the redactor masks the keys discovery found.
            var chain = new ModelChain();
            await OpenClawBootstrap.DiscoverAsync(loaded.Options, chain, cancellationToken).ConfigureAwait(false);
            builder.Services.AddSystemd();
            GuardComposition.Compose(builder.Services, new CompositionRequest(loaded.Options, chain, GuardFeatures.Service)
            {
                Configuration = loaded.Configuration, Files = loaded.Files, ConsoleLogging = true, Overrides = overrides,
            });
            using var host = builder.Build();
            KeptConfigurationNotice.Clear(loaded.Options.DataDirectory); // this start's configuration is valid

            await host.RunAsync(cancellationToken).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}
