namespace Guard.Configuration;

/// <summary>What Guard does with its recommended fallback order (<c>Guard:OpenClaw:Reorder</c>).</summary>
public enum ReorderMode
{
    /// <summary>No advice.</summary>
    Off,

    /// <summary>Show the recommended order in status and alerts only.</summary>
    Advise,
}
