namespace Guard.Logging;

/// <summary>Guard cannot create or write a directory under <c>Guard:DataDirectory</c>; the CLI turns this into exit 73.</summary>
public sealed class DataDirectoryUnavailableException : Exception
{
    public DataDirectoryUnavailableException()
    {
    }

    public DataDirectoryUnavailableException(string message)
        : base(message)
    {
    }

    public DataDirectoryUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DataDirectoryUnavailableException(string directory, string reason, Exception innerException)
        : base($"cannot create or write '{directory}' (Guard:DataDirectory): {reason}", innerException)
    {
        Directory = directory;
    }

    public string? Directory { get; }
}
