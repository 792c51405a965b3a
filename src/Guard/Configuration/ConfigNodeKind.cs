namespace Guard.Configuration;

/// <summary>What a configuration key holds, for <see cref="ConfigShape"/>.</summary>
public enum ConfigNodeKind
{
    /// <summary>Named keys (an options class).</summary>
    Object,

    /// <summary>Items indexed 0, 1, …</summary>
    List,

    /// <summary>Keys chosen by the user (model ids, header names).</summary>
    Map,
}
