using Guard.Configuration;

namespace Guard.Quota.Reported;

/// <summary>Asks providers' own quota endpoints, on the quota check's schedule, for the models that have one.</summary>
public interface IProviderQuotaPoller
{
    /// <summary>Readings for the models that have a quota endpoint; never throws for provider or transport failures.</summary>
    Task<IReadOnlyList<ProviderReading>> PollAsync(IReadOnlyList<ModelDefinition> models, CancellationToken cancellationToken);
}
