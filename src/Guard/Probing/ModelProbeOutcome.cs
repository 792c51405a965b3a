namespace Guard.Probing;

/// <summary>Every probe that ran for one model in one round, in the order they ran.</summary>
public sealed record ModelProbeOutcome(string ModelId, IReadOnlyList<ProbeResult> Results)
{
    public bool Ran => Results.Count > 0;

    /// <summary>
    /// The deepest tier that ran decides: a 1-token answer proves the model usable even when its reach endpoint
    /// is missing, and a failed 1-token probe means unusable even when the model list answers.
    /// </summary>
    public ProbeResult? Decisive =>
        Results.LastOrDefault(r => r.Tier == Configuration.ProbeTier.Deep) ?? Results.LastOrDefault();

    public bool Ok => Decisive is { Ok: true };

    /// <summary>The failure that decided the verdict, or null when the model is usable or was not probed.</summary>
    public ProbeResult? Failure => Decisive is { Ok: false, NotRun: false } decisive ? decisive : null;

    /// <summary>Guard could not ask the provider (see <see cref="ProbeResult.NotRun"/>): the model is unknown this round.</summary>
    public ProbeResult? Unprobed => Decisive is { NotRun: true } decisive ? decisive : null;
}
