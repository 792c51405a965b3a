namespace Guard.State;

/// <summary>Health of the chain as a whole: how long every model has been unusable at once.</summary>
public sealed class ChainState
{
    /// <summary>Rounds in a row in which no model was usable.</summary>
    public int ConsecutiveDarkRounds { get; set; }

    /// <summary>Start of the current dark period; null while some model is usable.</summary>
    public DateTimeOffset? DarkSince { get; set; }

    /// <summary>True once every model has failed <c>DownAfter</c> rounds in a row (ChainDark announced), until a model answers again.</summary>
    public bool IsDark { get; set; }

    public DateTimeOffset? LastRound { get; set; }

    /// <summary>Models usable after the last round, in chain order.</summary>
    public List<string> UsableModels { get; set; } = [];

    /// <summary>Models Guard knew nothing conclusive about in the last round (not probed, or an unknown reply).</summary>
    public List<string> UnknownModels { get; set; } = [];

    /// <summary>The newest real turn the gateway served (any model, its log or transcripts): proof it is serving.</summary>
    public DateTimeOffset? LastServedAt { get; set; }

    public string? LastServedModel { get; set; }

    /// <summary>Probe rounds completed since the state file was created.</summary>
    public long Rounds { get; set; }
}
