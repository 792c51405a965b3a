using System.CommandLine;
using Guard.Configuration;

namespace Guard.Cli;

/// <summary>Every command passes here first: invalid configuration prints one line per problem and exits 78.</summary>
public static class ConfigGate
{
    /// <param name="parse">The command line.</param>
    /// <param name="global">Where --config is.</param>
    /// <param name="error">Where problems are printed.</param>
    /// <param name="reloadOnChange">Watch the files (guard run).</param>
    /// <param name="requireChannelSecrets">
    /// run and check-config: a channel naming an unset SecretEnv/UrlEnv/TokenEnv is an error (it could never send).
    /// test-alert and drill report it per channel instead; status, probe and quota never send.
    /// </param>
    public static LoadedConfiguration? TryLoad(ParseResult parse, GlobalCliOptions global, TextWriter error, bool reloadOnChange = false, bool requireChannelSecrets = false)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(global);
        ArgumentNullException.ThrowIfNull(error);
        var files = new ConfigFileStatus();
        var (configuration, fileProblems) = GuardConfigurationBuilder.Build(parse.GetValue(global.Config), reloadOnChange, files: files);
        if (configuration is null)
        {
            Report(error, fileProblems);
            return null;
        }

        var result = GuardOptionsLoader.Load(configuration, requireChannelSecrets ? Environment.GetEnvironmentVariable : null);
        if (!result.IsValid)
        {
            Report(error, result.Problems);
            (configuration as IDisposable)?.Dispose();
            return null;
        }

        return new LoadedConfiguration(result.Options!, configuration) { Files = files };
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
