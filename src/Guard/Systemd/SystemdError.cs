namespace Guard.Systemd;

/// <summary>A failed systemd operation.</summary>
/// <param name="Kind">What went wrong, coarse enough to act on.</param>
/// <param name="Message">Human-readable; for <see cref="SystemdErrorKind.NoBus"/> it includes the address tried.</param>
/// <param name="DBusName">The D-Bus error name, when the failure came from the bus.</param>
/// <param name="BusAddress">The bus address that was used or tried.</param>
public sealed record SystemdError(SystemdErrorKind Kind, string Message, string? DBusName = null, string? BusAddress = null)
{
    public override string ToString() => DBusName is null ? $"{Kind}: {Message}" : $"{Kind} ({DBusName}): {Message}";
}
