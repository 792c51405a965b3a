using Guard.IntegrationTests.Systemd;

namespace Guard.IntegrationTests.Logging;

/// <summary>A fact that starts a private systemd-journald (root, unshare); skips with the reason elsewhere.</summary>
public sealed class JournaldFactAttribute : FactAttribute
{
    public const string Journald = "/lib/systemd/systemd-journald";

    public JournaldFactAttribute()
    {
        if (SkipReason is { } reason)
        {
            Skip = reason;
        }
    }

    public static string? SkipReason
    {
        get
        {
            if (SystemdAvailability.Required)
            {
                return null;
            }

            if (SystemdAvailability.LibrarySkipReason is { } library)
            {
                return library;
            }

            if (!File.Exists(Journald))
            {
                return $"{Journald} is missing; set {SystemdAvailability.RequireVariable}=1 to fail instead";
            }

            // ManagerSkipReason covers root, unshare and /run/systemd.
            return SystemdAvailability.ManagerSkipReason;
        }
    }
}
