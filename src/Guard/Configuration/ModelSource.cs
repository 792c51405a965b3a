namespace Guard.Configuration;

/// <summary>Where a chain entry came from, shown by <c>guard check-config</c>.</summary>
public enum ModelSource
{
    /// <summary>Guard:Models in Guard's own configuration.</summary>
    GuardConfig,

    /// <summary>Guard's built-in example chain, used when nothing else names a model.</summary>
    BuiltInDefault,

    /// <summary>Discovered from the OpenClaw configuration.</summary>
    OpenClaw,
}
