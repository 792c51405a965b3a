using Microsoft.Extensions.Configuration;

namespace Guard.Configuration;

/// <summary>
/// Layers configuration in the documented order: appsettings.json beside the binary,
/// <c>$XDG_CONFIG_HOME/guard/appsettings.json</c>, the <c>--config</c> file, then environment variables.
/// </summary>
public static class GuardConfigurationBuilder
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
    public static (IConfigurationRoot? Configuration, IReadOnlyList<ConfigProblem> Problems) Build(
        string? configPath, bool reloadOnChange, string? baseDirectory = null)
    {
        var problems = new List<ConfigProblem>();
        var builder = new ConfigurationBuilder();
        AddJson(builder, Path.Combine(baseDirectory ?? AppContext.BaseDirectory, FileName), optional: true, reloadOnChange);
        AddJson(builder, UserConfigPath(), optional: true, reloadOnChange);
        if (!string.IsNullOrEmpty(configPath))
        {
            var full = Path.GetFullPath(PathExpander.Expand(configPath));
            if (!File.Exists(full))
            {
                problems.Add(new("--config", configPath, "file not found"));
                return (null, problems);
            }

            AddJson(builder, full, optional: false, reloadOnChange);
        }

        builder.AddEnvironmentVariables();
        try
        {
            return (builder.Build(), problems);
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

    private static void AddJson(ConfigurationBuilder builder, string path, bool optional, bool reloadOnChange)
    {
        var directory = Path.GetDirectoryName(path);
        if (optional && (directory is null || !Directory.Exists(directory)))
        {
            // The file provider cannot watch a directory that does not exist; nothing to load there.
            return;
        }

        builder.AddJsonFile(path, optional, reloadOnChange);
    }

    private static string Describe(Exception ex) =>
        ex.InnerException is null ? ex.Message : $"{ex.Message} {ex.InnerException.Message}";
}
