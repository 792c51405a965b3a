namespace Guard.Probing;

/// <summary>Fixed probing knobs; a record so tests can shorten the retry delay.</summary>
internal sealed record ProbeTuning
{
    public static ProbeTuning Default { get; } = new();

    /// <summary>Quick-retry delay is drawn uniformly from [min, max] so many probes do not retry in lockstep.</summary>
    public TimeSpan RetryDelayMin { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan RetryDelayMax { get; init; } = TimeSpan.FromMilliseconds(1500);

    /// <summary>Used when a model has no positive timeout.</summary>
    public TimeSpan DefaultTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Error and completion bodies are small; anything larger is cut off.</summary>
    public int MaxBodyBytes { get; init; } = 64 * 1024;

    /// <summary>
    /// Model lists can be large (OpenRouter's catalogue is about 1 MB); a list that has not ended within this cap is
    /// a failure (Unknown), never a healthy reach probe. 4 MiB was tried: the hostile-reply test then kept ~16 MB of
    /// managed memory after its 50 MB bodies (not yet explained), so the cap stays at the 1 MiB that test holds to.
    /// </summary>
    public int MaxModelListBytes { get; init; } = 1024 * 1024;

    public TimeSpan NextRetryDelay()
    {
        var spread = (RetryDelayMax - RetryDelayMin).TotalMilliseconds;
        return RetryDelayMin + TimeSpan.FromMilliseconds(spread > 0 ? Random.Shared.NextDouble() * spread : 0);
    }
}
