namespace Guard.Systemd;

/// <summary>The failures a user will actually meet, each with its own remedy.</summary>
public enum SystemdErrorKind
{
    /// <summary>The unit is not known to the manager (<c>org.freedesktop.systemd1.NoSuchUnit</c> or <c>LoadState=not-found</c>).</summary>
    NoSuchUnit,

    /// <summary>The bus or polkit refused the call.</summary>
    AccessDenied,

    /// <summary>No bus to talk to, or no systemd on it; the message names the address tried.</summary>
    NoBus,

    /// <summary>The call or the wait ran out of time.</summary>
    Timeout,

    /// <summary>The job is not (or no longer) known to the manager.</summary>
    NoSuchJob,

    /// <summary>Anything else; <see cref="SystemdError.DBusName"/> carries the D-Bus error name.</summary>
    Other,
}
