using System.CommandLine;

namespace Guard.Cli;

/// <summary><c>guard status [--json]</c>: the persisted state as a table.</summary>
public static class StatusCommand
{
    public static Command Create(GlobalCliOptions global)
    {
        var json = new Option<bool>("--json") { Description = "Print the state as JSON" };
        var command = new Command("status", "Show each model's health from the state file") { json };
        command.SetAction(parse =>
        {
            var loaded = ConfigGate.TryLoad(parse, global, parse.InvocationConfiguration.Error);
            return loaded is null ? ExitCodes.Config : ExitCodes.Ok;
        });
        return command;
    }
}
