namespace Guard.State;

/// <summary>A model's health as the failure tracker sees it. The names are part of the state file.</summary>
public enum ModelHealth
{
    /// <summary>Not probed yet (or configured after the last round).</summary>
    Unknown,

    Healthy,

    /// <summary>Failing, but fewer consecutive times than <c>Probe:DownAfter</c>.</summary>
    Degraded,

    Down,
}
