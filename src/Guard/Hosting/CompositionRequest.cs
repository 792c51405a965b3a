using Guard.Chain;
using Guard.Configuration;
using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>What one container is for: <see cref="GuardComposition.Compose"/> builds it from this.</summary>
public sealed record CompositionRequest(GuardOptions Options, IModelChain Chain, GuardFeatures Features)
{
    /// <summary>The configuration behind <see cref="Options"/>; with it the container has <see cref="LiveOptions"/>.</summary>
    public IConfiguration? Configuration { get; init; }

    /// <summary>The files the configuration came from (for the live reload's messages).</summary>
    public ConfigFileStatus? Files { get; init; }

    /// <summary>
    /// The service logs to the console (journald under systemd) and the file; a one-shot command or drill only to the
    /// file, because its console carries the command's own output.
    /// </summary>
    public bool ConsoleLogging { get; init; }

    /// <summary>Registrations that replace the features' own (the drill's keys and systemd manager, the command's journal).</summary>
    public IReadOnlyList<ServiceDescriptor> Overrides { get; init; } = [];
}
