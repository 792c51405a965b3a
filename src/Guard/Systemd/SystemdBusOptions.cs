using Guard.Configuration;

namespace Guard.Systemd;

/// <summary>Which bus to use and how long to wait. The overrides exist mainly for tests and unusual hosts.</summary>
public sealed class SystemdBusOptions
{
    public BusKind Bus { get; set; } = BusKind.User;

    /// <summary>A full D-Bus address (e.g. <c>unix:path=/run/user/1000/bus</c>); wins over everything else.</summary>
    public string? Address { get; set; }

    /// <summary>For the user bus: use this instead of <c>$XDG_RUNTIME_DIR</c>.</summary>
    public string? RuntimeDirectory { get; set; }

    /// <summary>How long one method call may take before it counts as <see cref="SystemdErrorKind.Timeout"/>.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>How long a restart job is watched for its <c>JobRemoved</c> signal, whether or not anyone waits.</summary>
    public TimeSpan JobWatchLimit { get; set; } = TimeSpan.FromMinutes(5);
}
