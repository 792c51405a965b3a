using System.Net.Sockets;
using Tmds.DBus.Protocol;

namespace Guard.Systemd;

/// <summary>Turns D-Bus error names, errno values and the D-Bus library's exceptions into <see cref="SystemdError"/>s.</summary>
internal static class SystemdErrors
{
    internal const string NoSuchUnit = "org.freedesktop.systemd1.NoSuchUnit";
    internal const string NoSuchJob = "org.freedesktop.systemd1.NoSuchJob";
    internal const string UnknownObject = "org.freedesktop.DBus.Error.UnknownObject";

    internal static SystemdErrorKind KindOf(string? dbusName) => dbusName switch
    {
        NoSuchUnit => SystemdErrorKind.NoSuchUnit,
        NoSuchJob => SystemdErrorKind.NoSuchJob,
        "org.freedesktop.DBus.Error.AccessDenied"
            or "org.freedesktop.DBus.Error.InteractiveAuthorizationRequired"
            or "System.Error.EPERM"
            or "System.Error.EACCES" => SystemdErrorKind.AccessDenied,
        "org.freedesktop.DBus.Error.Timeout"
            or "org.freedesktop.DBus.Error.TimedOut"
            or "org.freedesktop.DBus.Error.NoReply"
            or "System.Error.ETIMEDOUT" => SystemdErrorKind.Timeout,
        // A bus without systemd on it is as useless as no bus at all, and has the same remedy.
        "org.freedesktop.DBus.Error.ServiceUnknown"
            or "org.freedesktop.DBus.Error.NameHasNoOwner"
            or "org.freedesktop.DBus.Error.NoServer"
            or "org.freedesktop.DBus.Error.Disconnected"
            or "System.Error.ECONNREFUSED"
            or "System.Error.ECONNRESET"
            or "System.Error.ENOTCONN"
            or "System.Error.EPIPE"
            or "System.Error.ENOENT" => SystemdErrorKind.NoBus,
        _ => SystemdErrorKind.Other,
    };

    /// <summary>Maps a failed method call; <paramref name="address"/> is quoted for NoBus so the user knows where we looked.</summary>
    internal static SystemdError FromDBus(string? dbusName, string? message, string address)
    {
        var kind = KindOf(dbusName);
        var text = string.IsNullOrEmpty(message) ? dbusName ?? "unknown D-Bus error" : message;
        if (kind == SystemdErrorKind.NoBus)
        {
            text = $"No systemd manager reachable on {address}: {text}";
        }
        else if (kind == SystemdErrorKind.AccessDenied)
        {
            text = $"{text} (bus {address}; the user bus needs no privileges, the system bus needs root or a polkit rule)";
        }

        return new SystemdError(kind, text, dbusName, address);
    }

    /// <summary>The connection itself failed (socket missing, refused, not permitted).</summary>
    internal static SystemdError ConnectFailed(string address, string busDescription, int errno, string errnoText)
    {
        var hint = errno == Errno.ENOENT
            ? " (no socket there: is the systemd manager running, and for the user bus is lingering enabled?)"
            : string.Empty;
        return new SystemdError(
            SystemdErrorKind.NoBus,
            $"Cannot connect to the systemd {busDescription} bus at {address}: {errnoText}{hint}",
            null,
            address);
    }

    /// <summary>Maps an exception from the D-Bus library (or from reading a reply) to an error; null for exceptions that are bugs.</summary>
    internal static SystemdError? FromException(Exception exception, string address, string busDescription)
    {
        switch (exception)
        {
            case DBusErrorReplyException reply:
                return FromDBus(reply.ErrorName, reply.ErrorMessage, address);
            case DBusConnectFailedException or SocketException when FindSocketError(exception) is { } socket:
                return ConnectFailed(address, busDescription, ErrnoOf(socket.SocketErrorCode), socket.Message);
            case DBusConnectionException or ObjectDisposedException or IOException:
                return new SystemdError(
                    SystemdErrorKind.NoBus,
                    $"The connection to the systemd {busDescription} bus at {address} failed: {exception.Message}",
                    "System.Error.ENOTCONN",
                    address);
            case DBusExceptionBase or InvalidDataException or IndexOutOfRangeException:
                return new SystemdError(SystemdErrorKind.Other, $"Unexpected reply from systemd: {exception.Message}", null, address);
            default:
                return null;
        }
    }

    private static SocketException? FindSocketError(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is SocketException socket)
            {
                return socket;
            }
        }

        return null;
    }

    // .NET reports socket failures as SocketError; the hints are keyed by errno.
    private static int ErrnoOf(SocketError error) => error switch
    {
        SocketError.AddressNotAvailable => Errno.ENOENT,
        SocketError.ConnectionRefused => Errno.ECONNREFUSED,
        SocketError.AccessDenied => Errno.EACCES,
        SocketError.ConnectionReset => Errno.ECONNRESET,
        SocketError.NotConnected => Errno.ENOTCONN,
        SocketError.TimedOut => Errno.ETIMEDOUT,
        _ => 0,
    };
}
