using Guard.Configuration;
using Microsoft.Extensions.Configuration;

namespace Guard.Cli;

/// <summary>Valid options plus the configuration they came from (kept for reload and check-config).</summary>
public sealed record LoadedConfiguration(GuardOptions Options, IConfigurationRoot Configuration)
{
    /// <summary>The JSON files behind <see cref="Configuration"/>, checked by live reload.</summary>
    public ConfigFileStatus Files { get; init; } = new();
}
