using System.Reflection;

namespace Guard;

/// <summary>Guard's version (the informational version without the commit), for the CLI, the log's first line and metrics.</summary>
public static class GuardVersion
{
    public static string Current =>
        typeof(GuardVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";
}
