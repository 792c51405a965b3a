using System.CommandLine;

namespace Guard.Cli;

/// <summary>Options every command accepts.</summary>
public sealed class GlobalCliOptions
{
    public Option<string?> Config { get; } = new("--config")
    {
        Description = "Extra configuration file, layered over appsettings.json and ~/.config/guard/appsettings.json",
        Recursive = true,
        HelpName = "PATH",
    };
}
