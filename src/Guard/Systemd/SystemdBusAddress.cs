using System.Globalization;
using System.Text;
using Guard.Configuration;

namespace Guard.Systemd;

/// <summary>Works out which D-Bus address to connect to, or why there is none.</summary>
internal static class SystemdBusAddress
{
    internal const string DefaultSystemBus = "unix:path=/run/dbus/system_bus_socket";

    /// <summary>Returns the address, or a <see cref="SystemdErrorKind.NoBus"/> error explaining what is missing.</summary>
    internal static SystemdResult<string> Resolve(SystemdBusOptions options, Func<string, string?> getEnvironment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(getEnvironment);
        if (!string.IsNullOrWhiteSpace(options.Address))
        {
            return SystemdResult<string>.Success(options.Address);
        }

        if (options.Bus == BusKind.System)
        {
            var system = getEnvironment("DBUS_SYSTEM_BUS_ADDRESS");
            return SystemdResult<string>.Success(string.IsNullOrWhiteSpace(system) ? DefaultSystemBus : system);
        }

        // DBUS_SESSION_BUS_ADDRESS is deliberately ignored: a dbus-launch session bus has no systemd on it,
        // while the user manager always listens on $XDG_RUNTIME_DIR/bus.
        var runtimeDirectory = options.RuntimeDirectory;
        if (string.IsNullOrWhiteSpace(runtimeDirectory))
        {
            runtimeDirectory = getEnvironment("XDG_RUNTIME_DIR");
        }

        if (string.IsNullOrWhiteSpace(runtimeDirectory))
        {
            return SystemdResult<string>.Failure(new SystemdError(
                SystemdErrorKind.NoBus,
                "XDG_RUNTIME_DIR is not set, so the systemd user bus (unix:path=$XDG_RUNTIME_DIR/bus) cannot be found. " +
                "Run 'sudo loginctl enable-linger $USER' so the user manager outlives logins, and start Guard with " +
                "XDG_RUNTIME_DIR=/run/user/$(id -u)."));
        }

        return SystemdResult<string>.Success(ForRuntimeDirectory(runtimeDirectory));
    }

    internal static string ForRuntimeDirectory(string runtimeDirectory) =>
        "unix:path=" + Escape(Path.Join(runtimeDirectory, "bus"));

    /// <summary>D-Bus address value escaping: bytes outside <c>[-0-9A-Za-z_/.\*]</c> become <c>%XX</c>.</summary>
    internal static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '/' or '.' or '\\' or '*')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("x2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
