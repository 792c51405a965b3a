using System.CommandLine;
using Guard.Configuration;

namespace Guard.Cli;

/// <summary>Every command passes here first: invalid configuration prints one line per problem and exits 78.</summary>
public static class ConfigGate
{
    public static LoadedConfiguration? TryLoad(ParseResult parse, GlobalCliOptions global, TextWriter error, bool reloadOnChange = false)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(global);
        ArgumentNullException.ThrowIfNull(error);
        var (configuration, fileProblems) = GuardConfigurationBuilder.Build(parse.GetValue(global.Config), reloadOnChange);
        if (configuration is null)
        {
            Report(error, fileProblems);
            return null;
        }

        var result = GuardOptionsLoader.Load(configuration);
        if (!result.IsValid)
        {
            Report(error, result.Problems);
            (configuration as IDisposable)?.Dispose();
            return null;
        }

        return new LoadedConfiguration(result.Options!, configuration);
    }

    public static void Report(TextWriter error, IReadOnlyList<ConfigProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(problems);
        error.WriteLine($"guard: invalid configuration ({problems.Count} problem{(problems.Count == 1 ? "" : "s")}):");
        foreach (var problem in problems)
        {
            error.WriteLine($"  {problem}");
        }

        error.WriteLine("Fix the keys above (appsettings.json, ~/.config/guard/appsettings.json, --config, or Guard__* environment variables). Exit 78.");
    }
}
