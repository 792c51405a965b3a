namespace Guard.Systemd;

/// <summary>
/// Appends arguments to an outgoing <c>sd_bus_message*</c> one basic value or container at a time, because the
/// variadic <c>sd_bus_message_append</c> cannot be called through <c>LibraryImport</c>. Failures throw
/// <see cref="SdBusProtocolException"/>, which <see cref="SdBusConnection.CallWith"/> turns into an error result.
/// </summary>
internal readonly unsafe struct SdBusMessageWriter
{
    private readonly nint _handle;

    internal SdBusMessageWriter(nint handle) => _handle = handle;

    internal void String(string value) =>
        Check(SdBusNative.sd_bus_message_append_basic(_handle, SdBusNative.TypeString, value), "append string");

    internal void Boolean(bool value)
    {
        var b = value ? 1 : 0; // D-Bus booleans are 32-bit
        Check(SdBusNative.sd_bus_message_append_basic_value(_handle, SdBusNative.TypeBoolean, &b), "append boolean");
    }

    internal void UInt64(ulong value) =>
        Check(SdBusNative.sd_bus_message_append_basic_value(_handle, SdBusNative.TypeUInt64, &value), "append uint64");

    /// <summary>Opens an array ('a'), struct ('r'), variant ('v') or dict entry ('e') with the given contents signature.</summary>
    internal void Open(byte type, string contents) =>
        Check(SdBusNative.sd_bus_message_open_container(_handle, type, contents), "open container " + contents);

    internal void Close() => Check(SdBusNative.sd_bus_message_close_container(_handle), "close container");

    private static void Check(int result, string what)
    {
        if (result < 0)
        {
            throw SdBusProtocolException.FromErrno(what, result);
        }
    }
}
