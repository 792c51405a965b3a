using System.Runtime.InteropServices;

namespace Guard.Systemd;

/// <summary>
/// One sd-bus connection, used by one thread for one operation: sd-bus objects are not thread-safe,
/// and a fresh connection per operation also survives manager or broker restarts for free.
/// </summary>
internal sealed unsafe class SdBusConnection : IDisposable
{
    internal const string Destination = "org.freedesktop.systemd1";
    internal const string ManagerPath = "/org/freedesktop/systemd1";
    internal const string ManagerInterface = "org.freedesktop.systemd1.Manager";
    internal const string PropertiesInterface = "org.freedesktop.DBus.Properties";

    private nint _bus;

    private SdBusConnection(nint bus, string address)
    {
        _bus = bus;
        Address = address;
    }

    internal string Address { get; }

    internal nint Handle => _bus;

    internal static SystemdResult<SdBusConnection> Open(string address, string busDescription)
    {
        var r = SdBusNative.sd_bus_new(out var bus);
        if (r < 0)
        {
            return SystemdResult<SdBusConnection>.Failure(SystemdErrors.ConnectFailed(address, busDescription, -r, ErrnoText(r)));
        }

        r = SdBusNative.sd_bus_set_address(bus, address);
        if (r >= 0)
        {
            r = SdBusNative.sd_bus_set_bus_client(bus, 1);
        }

        if (r >= 0)
        {
            r = SdBusNative.sd_bus_start(bus);
        }

        if (r < 0)
        {
            SdBusNative.sd_bus_flush_close_unref(bus);
            return SystemdResult<SdBusConnection>.Failure(SystemdErrors.ConnectFailed(address, busDescription, -r, ErrnoText(r)));
        }

        return SystemdResult<SdBusConnection>.Success(new SdBusConnection(bus, address));
    }

    /// <summary>Calls a systemd method whose arguments are all strings.</summary>
    internal SystemdResult<SdBusReply> Call(string path, string @interface, string member, TimeSpan timeout, params string[] args) =>
        CallWith(path, @interface, member, timeout, writer =>
        {
            foreach (var arg in args)
            {
                writer.String(arg);
            }
        });

    /// <summary>Calls a systemd method whose arguments <paramref name="append"/> writes (containers, non-string basics).</summary>
    internal SystemdResult<SdBusReply> CallWith(string path, string @interface, string member, TimeSpan timeout, Action<SdBusMessageWriter> append)
    {
        ArgumentNullException.ThrowIfNull(append);
        nint message = 0;
        nint reply = 0;
        var error = default(SdBusError);
        try
        {
            var r = SdBusNative.sd_bus_message_new_method_call(_bus, out message, Destination, path, @interface, member);
            if (r >= 0)
            {
                try
                {
                    append(new SdBusMessageWriter(message));
                }
                catch (SdBusProtocolException ex)
                {
                    return SystemdResult<SdBusReply>.Failure(new SystemdError(SystemdErrorKind.Other, $"Building the {member} call failed: {ex.Message}", null, Address));
                }
            }

            if (r >= 0)
            {
                var usec = (ulong)Math.Max(1, timeout.Ticks / TimeSpan.TicksPerMicrosecond);
                r = SdBusNative.sd_bus_call(_bus, message, usec, &error, out reply);
            }

            if (r < 0)
            {
                return SystemdResult<SdBusReply>.Failure(error.Name != 0
                    ? SystemdErrors.FromDBus(error.NameString, error.MessageString, Address)
                    : FromErrno(r));
            }

            var owned = new SdBusReply(reply);
            reply = 0;
            return SystemdResult<SdBusReply>.Success(owned);
        }
        finally
        {
            SdBusNative.sd_bus_error_free(&error);
            if (reply != 0)
            {
                SdBusNative.sd_bus_message_unref(reply);
            }

            if (message != 0)
            {
                SdBusNative.sd_bus_message_unref(message);
            }
        }
    }

    /// <summary>Installs a match synchronously, so signals sent after this returns are not missed.</summary>
    internal int AddMatch(string match, delegate* unmanaged<nint, nint, nint, int> callback, nint userdata, out nint slot) =>
        SdBusNative.sd_bus_add_match(_bus, out slot, match, callback, userdata);

    internal int Process() => SdBusNative.sd_bus_process(_bus, 0);

    internal int Wait(TimeSpan timeout) =>
        SdBusNative.sd_bus_wait(_bus, (ulong)Math.Max(1, timeout.Ticks / TimeSpan.TicksPerMicrosecond));

    internal SystemdError FromErrno(int result)
    {
        var errno = -result;
        var name = "System.Error." + errno switch
        {
            Errno.ETIMEDOUT => "ETIMEDOUT",
            Errno.EPERM => "EPERM",
            Errno.EACCES => "EACCES",
            Errno.ECONNREFUSED => "ECONNREFUSED",
            Errno.ENOENT => "ENOENT",
            Errno.ECONNRESET => "ECONNRESET",
            Errno.ENOTCONN => "ENOTCONN",
            Errno.EPIPE => "EPIPE",
            _ => errno.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return SystemdErrors.FromDBus(name, ErrnoText(result), Address);
    }

    internal static string ErrnoText(int result) => Marshal.GetPInvokeErrorMessage(Math.Abs(result));

    public void Dispose()
    {
        if (_bus != 0)
        {
            SdBusNative.sd_bus_flush_close_unref(_bus);
            _bus = 0;
        }
    }
}
