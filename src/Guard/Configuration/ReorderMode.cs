namespace Guard.Configuration;

/// <summary>What Guard does with its recommended fallback order (<c>Guard:OpenClaw:Reorder</c>).</summary>
public enum ReorderMode
{
    /// <summary>No advice.</summary>
    Off,

    /// <summary>Show the recommended order in status and alerts only.</summary>
    Advise,

    /// <summary>Also write it through the <c>openclaw</c> CLI while the primary is down, and restore the owner's order later.</summary>
    Apply,
}
