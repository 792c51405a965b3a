namespace Guard.State;

/// <summary>What reading the state file found.</summary>
public enum StateReadStatus
{
    Ok,
    Missing,

    /// <summary>Not JSON, not the expected shape, or not readable at all.</summary>
    Corrupt,

    /// <summary>Written by a newer Guard with a schema this build does not know.</summary>
    NewerSchema,
}
