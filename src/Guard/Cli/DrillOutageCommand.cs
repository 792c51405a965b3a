using System.CommandLine;
using Guard.Drill;

namespace Guard.Cli;

/// <summary>
/// <c>guard drill outage</c>: the whole loop against built-in providers; needs no config, keys or OpenClaw. With a
/// reachable user bus the gateway is a real transient unit (removed afterwards), otherwise a labelled simulation.
/// </summary>
public static class DrillOutageCommand
{
    public static Command Create()
    {
        var simulate = new Option<bool>("--simulate") { Description = "Simulate the gateway restart even when the systemd user bus is reachable" };
        var command = new Command(
            "outage",
            "Run a full outage and recovery against built-in providers on 127.0.0.1 and print the timeline (~15 s); " +
            "restarts a temporary transient user unit when the user bus is reachable")
        {
            simulate,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var drill = new OutageDrill(parse.InvocationConfiguration.Output) { Simulate = parse.GetValue(simulate) };
            return await drill.RunAsync(cancellationToken).ConfigureAwait(false) ? ExitCodes.Ok : ExitCodes.SomeFailed;
        });
        return command;
    }
}
