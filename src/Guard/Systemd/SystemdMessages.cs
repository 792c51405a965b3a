using Tmds.DBus.Protocol;

namespace Guard.Systemd;

/// <summary>The method calls Guard sends to the systemd manager, and the signal it reads, in D-Bus wire terms.</summary>
internal static class SystemdMessages
{
    internal const string Destination = "org.freedesktop.systemd1";
    internal const string ManagerPath = "/org/freedesktop/systemd1";
    internal const string ManagerInterface = "org.freedesktop.systemd1.Manager";
    internal const string PropertiesInterface = "org.freedesktop.DBus.Properties";
    internal const string JobInterface = "org.freedesktop.systemd1.Job";

    internal static readonly MatchRule JobRemovedRule = new()
    {
        Type = MessageType.Signal,
        Sender = Destination,
        Path = ManagerPath,
        Interface = ManagerInterface,
        Member = "JobRemoved",
    };

    internal static MessageBuffer Subscribe(DBusConnection connection) => ManagerCall(connection, "Subscribe", null);

    /// <summary>A manager method taking only strings: RestartUnit/StopUnit (ss), LoadUnit/ResetFailedUnit (s).</summary>
    internal static MessageBuffer ManagerCall(DBusConnection connection, string member, params string[]? args)
    {
        using var writer = connection.GetMessageWriter();
        writer.WriteMethodCallHeader(
            Destination, ManagerPath, ManagerInterface, member, args is { Length: > 0 } ? new string('s', args.Length) : null);
        foreach (var arg in args ?? [])
        {
            writer.WriteString(arg);
        }

        return writer.CreateMessage();
    }

    internal static MessageBuffer GetAll(DBusConnection connection, string path, string @interface)
    {
        using var writer = connection.GetMessageWriter();
        writer.WriteMethodCallHeader(Destination, path, PropertiesInterface, "GetAll", "s");
        writer.WriteString(@interface);
        return writer.CreateMessage();
    }

    internal static MessageBuffer GetJobState(DBusConnection connection, string jobPath)
    {
        using var writer = connection.GetMessageWriter();
        writer.WriteMethodCallHeader(Destination, jobPath, PropertiesInterface, "Get", "ss");
        writer.WriteString(JobInterface);
        writer.WriteString("State");
        return writer.CreateMessage();
    }

    /// <summary>StartTransientUnit(s name, s mode, a(sv) properties, a(sa(sv)) aux) → o job.</summary>
    internal static MessageBuffer StartTransientUnit(DBusConnection connection, TransientService service)
    {
        using var writer = connection.GetMessageWriter();
        writer.WriteMethodCallHeader(Destination, ManagerPath, ManagerInterface, "StartTransientUnit", "ssa(sv)a(sa(sv))");
        writer.WriteString(service.Unit);
        writer.WriteString("fail");
        var properties = writer.WriteArrayStart(DBusType.Struct);
        writer.WriteStructureStart();
        writer.WriteString("Description");
        writer.WriteVariantString(service.Description);
        // Garbage-collect the unit when it stops, even if it failed, so nothing is left behind.
        writer.WriteStructureStart();
        writer.WriteString("CollectMode");
        writer.WriteVariantString("inactive-or-failed");
        writer.WriteStructureStart();
        writer.WriteString("RuntimeMaxUSec");
        writer.WriteVariantUInt64((ulong)(service.RuntimeMax.Ticks / TimeSpan.TicksPerMicrosecond));
        // ExecStart is a(sasb): program path, argv (argv[0] included), ignore-failure. A variant is its signature, then the value.
        writer.WriteStructureStart();
        writer.WriteString("ExecStart");
        writer.WriteSignature("a(sasb)");
        var commands = writer.WriteArrayStart(DBusType.Struct);
        writer.WriteStructureStart();
        writer.WriteString(service.Command[0]);
        writer.WriteArray(service.Command.ToArray());
        writer.WriteBool(false);
        writer.WriteArrayEnd(commands);
        writer.WriteArrayEnd(properties);
        var aux = writer.WriteArrayStart(DBusType.Struct);
        writer.WriteArrayEnd(aux);
        return writer.CreateMessage();
    }

    /// <summary>JobRemoved(u id, o job, s unit, s result).</summary>
    internal static SystemdJobCompletion ReadJobRemoved(Message message)
    {
        var reader = message.GetBodyReader();
        var id = reader.ReadUInt32();
        var path = reader.ReadObjectPathAsString();
        var unit = reader.ReadString();
        var result = reader.ReadString();
        return new SystemdJobCompletion(id, path, unit, SystemdJobCompletion.Parse(result), result);
    }
}
