using System.CommandLine;
using Guard.Drill;

namespace Guard.Cli;

/// <summary><c>guard drill outage</c>: the whole loop against built-in providers; needs no config, keys, OpenClaw or systemd.</summary>
public static class DrillOutageCommand
{
    public static Command Create()
    {
        var command = new Command("outage", "Run a full outage and recovery against built-in providers on 127.0.0.1 and print the timeline (~15 s)");
        command.SetAction(async (parse, cancellationToken) =>
        {
            var drill = new OutageDrill(parse.InvocationConfiguration.Output);
            return await drill.RunAsync(cancellationToken).ConfigureAwait(false) ? ExitCodes.Ok : ExitCodes.SomeFailed;
        });
        return command;
    }
}
