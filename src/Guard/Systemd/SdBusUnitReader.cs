using System.Collections.Frozen;

namespace Guard.Systemd;

/// <summary>Reads a unit's state with <c>LoadUnit</c> + <c>Properties.GetAll</c> (two or three round trips).</summary>
internal static class SdBusUnitReader
{
    private const string UnitInterface = "org.freedesktop.systemd1.Unit";
    private const string ServiceInterface = "org.freedesktop.systemd1.Service";

    // Property name → D-Bus signature; everything else in GetAll is skipped unread.
    private static readonly FrozenDictionary<string, string> Wanted = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["LoadState"] = "s",
        ["ActiveState"] = "s",
        ["SubState"] = "s",
        ["ActiveEnterTimestamp"] = "t",
        ["InactiveEnterTimestamp"] = "t",
        ["Result"] = "s",
        ["ExecMainCode"] = "i",
        ["ExecMainStatus"] = "i",
        ["NRestarts"] = "u",
        ["MainPID"] = "u",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    internal static SystemdResult<UnitStatus> Read(SdBusConnection connection, string unit, TimeSpan timeout)
    {
        // GetUnit fails for units that are merely not loaded right now; LoadUnit loads them first.
        var load = connection.Call(SdBusConnection.ManagerPath, SdBusConnection.ManagerInterface, "LoadUnit", timeout, unit);
        if (!load.IsSuccess)
        {
            return SystemdResult<UnitStatus>.Failure(load.Error);
        }

        string path;
        using (var reply = load.Value!)
        {
            path = reply.Message.ReadString(SdBusNative.TypeObjectPath);
        }

        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        var error = GetAll(connection, path, UnitInterface, timeout, values);
        if (error is not null)
        {
            return SystemdResult<UnitStatus>.Failure(error);
        }

        var loadState = values.GetValueOrDefault("LoadState") as string ?? string.Empty;
        if (loadState == "not-found")
        {
            return SystemdResult<UnitStatus>.Failure(new SystemdError(
                SystemdErrorKind.NoSuchUnit, $"Unit {unit} not found.", SystemdErrors.NoSuchUnit, connection.Address));
        }

        if (unit.EndsWith(".service", StringComparison.Ordinal))
        {
            error = GetAll(connection, path, ServiceInterface, timeout, values);
            if (error is not null)
            {
                return SystemdResult<UnitStatus>.Failure(error);
            }
        }

        return SystemdResult<UnitStatus>.Success(new UnitStatus(
            unit,
            loadState,
            values.GetValueOrDefault("ActiveState") as string ?? string.Empty,
            values.GetValueOrDefault("SubState") as string ?? string.Empty,
            values.GetValueOrDefault("Result") as string,
            values.GetValueOrDefault("ExecMainCode") as int?,
            values.GetValueOrDefault("ExecMainStatus") as int?,
            values.GetValueOrDefault("NRestarts") as uint?,
            FromMicroseconds(values.GetValueOrDefault("ActiveEnterTimestamp") as ulong?),
            FromMicroseconds(values.GetValueOrDefault("InactiveEnterTimestamp") as ulong?))
        {
            MainPid = values.GetValueOrDefault("MainPID") as uint?,
        });
    }

    private static SystemdError? GetAll(SdBusConnection connection, string path, string @interface, TimeSpan timeout, Dictionary<string, object> values)
    {
        var call = connection.Call(path, SdBusConnection.PropertiesInterface, "GetAll", timeout, @interface);
        if (!call.IsSuccess)
        {
            return call.Error;
        }

        using var reply = call.Value!;
        var message = reply.Message;
        message.TryEnter(SdBusNative.TypeArray, "{sv}");
        while (message.TryEnter(SdBusNative.TypeDictEntry, "sv"))
        {
            var name = message.ReadString();
            if (Wanted.TryGetValue(name, out var signature))
            {
                message.TryEnter(SdBusNative.TypeVariant, signature);
                values[name] = signature switch
                {
                    "s" => message.ReadString(),
                    "i" => message.ReadInt32(),
                    "u" => message.ReadUInt32(),
                    _ => message.ReadUInt64(),
                };
                message.Exit();
            }
            else
            {
                message.Skip("v");
            }

            message.Exit();
        }

        message.Exit();
        return null;
    }

    // systemd reports realtime microseconds since the epoch; 0 means "never".
    internal static DateTimeOffset? FromMicroseconds(ulong? usec) =>
        usec is null or 0 ? null : DateTimeOffset.UnixEpoch.AddTicks((long)usec.Value * TimeSpan.TicksPerMicrosecond);
}
