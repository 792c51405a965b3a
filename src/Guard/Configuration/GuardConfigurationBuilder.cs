using Microsoft.Extensions.Configuration;

namespace Guard.Configuration;

/// <summary>
/// Layers configuration in the documented order: appsettings.json beside the binary,
/// <c>$XDG_CONFIG_HOME/guard/appsettings.json</c>, the <c>--config</c> file, then environment variables.
/// </summary>
public static partial class GuardConfigurationBuilder
{
    public const string FileName = "appsettings.json";

    public static string UserConfigPath(Func<string, string?>? getEnv = null)
    {
        getEnv ??= Environment.GetEnvironmentVariable;
        var xdg = getEnv("XDG_CONFIG_HOME");
        var baseDir = string.IsNullOrEmpty(xdg) ? PathExpander.Expand("~/.config", getEnv) : xdg;
        return Path.Combine(baseDir, "guard", FileName);
    }

    /// <summary>Builds the configuration; file errors become problems instead of exceptions.</summary>
    /// <param name="configPath">The --config file, if given.</param>
    /// <param name="reloadOnChange">Watch the files (guard run).</param>
    /// <param name="baseDirectory">Where the binary's own appsettings.json is; default the binary's directory.</param>
    /// <param name="files">Filled with the files added, for live reload to check before it trusts a reload.</param>
    public static (IConfigurationRoot? Configuration, IReadOnlyList<ConfigProblem> Problems) Build(
        string? configPath, bool reloadOnChange, string? baseDirectory = null, ConfigFileStatus? files = null)
    {
        files ??= new ConfigFileStatus();
        var problems = new List<ConfigProblem>();
        var builder = new ConfigurationBuilder();
        AddJson(builder, Path.Combine(baseDirectory ?? AppContext.BaseDirectory, FileName), optional: true, reloadOnChange, files);
        AddJson(builder, UserConfigPath(), optional: true, reloadOnChange, files);
        if (!string.IsNullOrEmpty(configPath))
        {
            var full = Path.GetFullPath(PathExpander.Expand(configPath));
            if (!File.Exists(full))
            {
                problems.Add(new("--config", configPath, "file not found"));
                return (null, problems);
            }

            AddJson(builder, full, optional: false, reloadOnChange, files);
        }

        builder.AddEnvironmentVariables();
        try
        {
            var built = builder.Build();
            files.MarkStarted();
            return (built, problems);
        }
        catch (InvalidDataException ex)
        {
            problems.Add(new("(file)", null, Describe(ex)));
        }
        catch (FormatException ex)
        {
            problems.Add(new("(file)", null, Describe(ex)));
        }
        catch (IOException ex)
        {
            problems.Add(new("(file)", null, ex.Message));
        }
        catch (UnauthorizedAccessException ex)
        {
            problems.Add(new("(file)", null, ex.Message));
        }

        return (null, problems);
    }

    private static void AddJson(ConfigurationBuilder builder, string path, bool optional, bool reloadOnChange, ConfigFileStatus files)
    {
        var directory = Path.GetDirectoryName(path);
        if (optional && (directory is null || !Directory.Exists(directory)))
        {
            // The file provider cannot watch a directory that does not exist; nothing to load there.
            return;
        }

        files.Add(path, required: !optional);
        builder.AddJsonFile(source =>
        {
            source.Path = path;
            source.Optional = optional;
            source.ReloadOnChange = reloadOnChange;
            source.OnLoadException = files.OnLoadException;
            source.ResolveFileProvider();
        });
    }

    /// <summary>The provider's "Failed to load … 'file'" plus, for a JSON error, the line and column.</summary>
    private static string Describe(Exception ex)
    {
        var file = ExceptionFile().Match(ex.Message) is { Success: true } m ? m.Groups[1].Value : "(file)";
        if (JsonErrorText.Describe(file, ex) is { } located)
        {
            return $"cannot parse {located}";
        }

        return ex.InnerException is null ? ex.Message : $"{ex.Message} {ex.InnerException.Message}";
    }

    [System.Text.RegularExpressions.GeneratedRegex("'([^']+)'")]
    private static partial System.Text.RegularExpressions.Regex ExceptionFile();
}
