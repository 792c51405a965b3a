using Guard.Configuration;

namespace Guard.Probing;

/// <summary>Probes one model at one tier through the adapter for its API kind. Never throws for provider failures.</summary>
public interface IModelProber
{
    Task<ProbeResult> ProbeAsync(ModelDefinition model, ProbeTier tier, CancellationToken cancellationToken);
}
