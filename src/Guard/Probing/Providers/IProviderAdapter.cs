namespace Guard.Probing.Providers;

/// <summary>Speaks one API kind's wire format; runs one attempt of a probe (one or more HTTP steps).</summary>
internal interface IProviderAdapter
{
    /// <summary>The <see cref="Configuration.ApiKinds"/> value this adapter handles.</summary>
    string Api { get; }

    /// <summary>Runs one attempt. Provider failures come back as outcomes; cancellation throws.</summary>
    Task<AttemptOutcome> ProbeAsync(ProbeAttempt attempt, CancellationToken cancellationToken);
}
