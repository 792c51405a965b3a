namespace Guard.Cli;

/// <summary>Process exit codes; 64 and 78 follow sysexits.h so systemd can stop a restart loop on bad config.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int SomeFailed = 1;
    public const int AllFailed = 2;
    public const int Usage = 64;

    /// <summary>The data directory cannot be created or written (sysexits <c>EX_CANTCREAT</c>).</summary>
    public const int CannotCreate = 73;
    public const int Config = 78;
}
