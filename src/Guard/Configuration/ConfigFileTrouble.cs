namespace Guard.Configuration;

/// <summary>One configuration file that is missing, unreadable or not valid JSON; <see cref="Detail"/> never holds file content beyond the parser's message.</summary>
public sealed record ConfigFileTrouble(string Path, ConfigFileTroubleKind Kind, string Detail)
{
    /// <summary>1-based, for <see cref="ConfigFileTroubleKind.Invalid"/>.</summary>
    public long? Line { get; init; }

    public long? Column { get; init; }
}
