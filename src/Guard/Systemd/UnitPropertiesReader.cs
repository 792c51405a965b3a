using System.Collections.Frozen;
using Tmds.DBus.Protocol;

namespace Guard.Systemd;

/// <summary>
/// Reads the few properties Guard needs out of a <c>Properties.GetAll</c> reply (<c>a{sv}</c>). The rest — a unit has
/// about a hundred, some of them large arrays — is skipped by signature without building values.
/// </summary>
internal static class UnitPropertiesReader
{
    // Property name → D-Bus signature; a property whose variant has another signature is skipped too.
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

    /// <summary>Adds the wanted properties of the reply to <paramref name="values"/> (boxed string, int, uint or ulong).</summary>
    internal static Dictionary<string, object> Read(Message message, Dictionary<string, object> values)
    {
        var reader = message.GetBodyReader();
        var end = reader.ReadDictionaryStart();
        while (reader.HasNext(end))
        {
            reader.AlignStruct();
            var name = reader.ReadString();
            var signature = reader.ReadSignatureAsString();
            if (Wanted.TryGetValue(name, out var wanted) && wanted == signature)
            {
                values[name] = signature switch
                {
                    "s" => reader.ReadString(),
                    "i" => reader.ReadInt32(),
                    "u" => reader.ReadUInt32(),
                    _ => reader.ReadUInt64(),
                };
            }
            else
            {
                DBusSkipper.Skip(ref reader, signature);
            }
        }

        return values;
    }

    /// <summary>systemd reports realtime microseconds since the epoch; 0 means "never".</summary>
    internal static DateTimeOffset? FromMicroseconds(ulong? usec) =>
        usec is null or 0 ? null : DateTimeOffset.UnixEpoch.AddTicks((long)usec.Value * TimeSpan.TicksPerMicrosecond);

    internal static UnitStatus ToStatus(string unit, Dictionary<string, object> values) => new(
        unit,
        values.GetValueOrDefault("LoadState") as string ?? string.Empty,
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
    };
}
