namespace Guard.Systemd;

/// <summary>The Linux errno values behind socket failures that Guard tells apart (its hints are keyed by them).</summary>
internal static class Errno
{
    internal const int EPERM = 1;
    internal const int ENOENT = 2;
    internal const int EACCES = 13;
    internal const int ETIMEDOUT = 110;
    internal const int EPIPE = 32;
    internal const int ECONNRESET = 104;
    internal const int ENOTCONN = 107;
    internal const int ECONNREFUSED = 111;
}
