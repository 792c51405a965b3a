using System.CommandLine;
using Guard.Chain;
using Guard.Configuration;
using Guard.Drill;
using Guard.OpenClaw.Discovery;
using Guard.Probing;
using Guard.Systemd;
using Microsoft.Extensions.DependencyInjection;

namespace Guard.Cli;

/// <summary>
/// <c>guard drill auth|alert|restart|outage</c>: safe rehearsals of what Guard does in an outage. None of them spends
/// tokens or uses the real keys; only <c>drill restart --yes</c> changes anything (one budgeted restart).
/// </summary>
public static class DrillCommand
{
    public static Command Create(GlobalCliOptions global)
    {
        ArgumentNullException.ThrowIfNull(global);
        var command = new Command("drill", "Rehearse an outage safely: auth classification, alert delivery, restart readiness, a full simulated outage");
        command.Subcommands.Add(Auth(global));
        command.Subcommands.Add(Alert(global));
        command.Subcommands.Add(Restart(global));
        command.Subcommands.Add(DrillOutageCommand.Create());
        return command;
    }

    private static Command Auth(GlobalCliOptions global)
    {
        var command = new Command("auth", "Probe every model with a deliberately corrupted key and check each is reported as AuthFailed/Forbidden (no tokens)");
        command.SetAction(async (parse, cancellationToken) =>
        {
            var loaded = ConfigGate.TryLoad(parse, global, parse.InvocationConfiguration.Error);
            if (loaded is null)
            {
                return ExitCodes.Config;
            }

            using var configuration = loaded.Configuration as IDisposable;
            await using var services = DrillServices.ForAuth(loaded.Options);
            var rows = await AuthDrill.RunAsync(
                services.GetRequiredService<IModelProber>(), ModelCatalog.Resolve(loaded.Options, null), cancellationToken).ConfigureAwait(false);
            AuthDrill.Print(parse.InvocationConfiguration.Output, rows);
            return rows.All(r => r.Passed) ? ExitCodes.Ok : ExitCodes.SomeFailed;
        });
        return command;
    }

    private static Command Alert(GlobalCliOptions global)
    {
        var channelOption = new Option<string?>("--channel") { Description = "Send only through this channel", HelpName = "NAME" };
        var command = new Command("alert", "Send the test alert through every channel (same as 'guard test-alert')") { channelOption };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var loaded = ConfigGate.TryLoad(parse, global, parse.InvocationConfiguration.Error);
            if (loaded is null)
            {
                return ExitCodes.Config;
            }

            using var configuration = loaded.Configuration as IDisposable;
            return await TestAlertCommand.RunAsync(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, loaded.Options,
                parse.GetValue(channelOption), parse.GetValue(global.Config), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static Command Restart(GlobalCliOptions global)
    {
        var yes = new Option<bool>("--yes") { Description = "Also perform one budgeted restart of the gateway unit" };
        var command = new Command("restart", "Check bus, unit, state, restart budget and permission without restarting; --yes restarts once") { yes };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var loaded = ConfigGate.TryLoad(parse, global, parse.InvocationConfiguration.Error);
            if (loaded is null)
            {
                return ExitCodes.Config;
            }

            using var configuration = loaded.Configuration as IDisposable;
            var options = loaded.Options;
            await using var services = DrillServices.ForRestart(options);
            var time = services.GetRequiredService<TimeProvider>();
            var address = SystemdBusAddress.Resolve(new SystemdBusOptions { Bus = options.Recovery.Bus }, Environment.GetEnvironmentVariable);
            var drill = new RestartDrill(services.GetRequiredService<ISystemdManager>(), time, output);
            await drill.RunAsync(options, address.IsSuccess ? address.Value : null, cancellationToken).ConfigureAwait(false);
            if (!drill.Ready)
            {
                await output.WriteLineAsync(parse.GetValue(yes) ? "Not restarting: fix the FAIL lines first." : "A restart would not work yet: fix the FAIL lines.").ConfigureAwait(false);
                return ExitCodes.SomeFailed;
            }

            if (!parse.GetValue(yes))
            {
                await output.WriteLineAsync("Everything a restart needs is in place (nothing was restarted; add --yes to restart once).").ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            // The same budgeted, recorded path as `guard restart-gateway`.
            var chain = new ModelChain();
            await OpenClawBootstrap.DiscoverAsync(options, chain, cancellationToken).ConfigureAwait(false);
            await using var restartServices = RestartGatewayServices.Build(options, loaded.Configuration, chain);
            return await RestartGatewayCommand.RestartAsync(output, restartServices, options, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
