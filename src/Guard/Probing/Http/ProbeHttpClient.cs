using System.Reflection;

namespace Guard.Probing.Http;

/// <summary>The named HttpClient every probe uses.</summary>
internal static class ProbeHttpClient
{
    public const string Name = "Guard.Probing";

    public static string UserAgent { get; } = "guard/" + Version();

    private static string Version()
    {
        var informational = typeof(ProbeHttpClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

        // Drop the "+<commit>" build metadata: providers only need the release.
        var version = informational?.Split('+')[0];
        return string.IsNullOrEmpty(version) ? "0.0.0" : version;
    }
}
