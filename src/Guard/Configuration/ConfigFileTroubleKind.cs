namespace Guard.Configuration;

/// <summary>Why a configuration file cannot be used right now.</summary>
public enum ConfigFileTroubleKind
{
    Missing,
    Unreadable,
    Invalid,
}
