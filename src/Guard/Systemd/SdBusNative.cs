using System.Runtime.InteropServices;

namespace Guard.Systemd;

/// <summary>
/// The non-variadic sd-bus calls Guard uses. Pointers are <c>nint</c>, strings UTF-8, types single bytes,
/// so every signature is blittable and Native AOT needs no runtime marshalling. Negative returns are <c>-errno</c>.
/// </summary>
internal static unsafe partial class SdBusNative
{
    private const string Library = "libsystemd.so.0";

    internal const byte TypeString = (byte)'s';
    internal const byte TypeObjectPath = (byte)'o';
    internal const byte TypeInt32 = (byte)'i';
    internal const byte TypeUInt32 = (byte)'u';
    internal const byte TypeUInt64 = (byte)'t';
    internal const byte TypeArray = (byte)'a';
    internal const byte TypeVariant = (byte)'v';
    internal const byte TypeDictEntry = (byte)'e';
    internal const byte TypeStruct = (byte)'r';
    internal const byte TypeBoolean = (byte)'b';

    [LibraryImport(Library)]
    internal static partial int sd_bus_new(out nint bus);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int sd_bus_set_address(nint bus, string address);

    [LibraryImport(Library)]
    internal static partial int sd_bus_set_bus_client(nint bus, int b);

    [LibraryImport(Library)]
    internal static partial int sd_bus_start(nint bus);

    [LibraryImport(Library)]
    internal static partial nint sd_bus_flush_close_unref(nint bus);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int sd_bus_message_new_method_call(
        nint bus, out nint message, string destination, string path, string @interface, string member);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int sd_bus_message_append_basic(nint message, byte type, string value);

    /// <summary>The same C function for non-string basics: <paramref name="value"/> points at the value (an <c>int</c> for 'b').</summary>
    [LibraryImport(Library, EntryPoint = "sd_bus_message_append_basic")]
    internal static partial int sd_bus_message_append_basic_value(nint message, byte type, void* value);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int sd_bus_message_open_container(nint message, byte type, string contents);

    [LibraryImport(Library)]
    internal static partial int sd_bus_message_close_container(nint message);

    [LibraryImport(Library)]
    internal static partial int sd_bus_call(nint bus, nint message, ulong usec, SdBusError* error, out nint reply);

    [LibraryImport(Library)]
    internal static partial int sd_bus_message_read_basic(nint message, byte type, void* value);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int sd_bus_message_enter_container(nint message, byte type, string? contents);

    [LibraryImport(Library)]
    internal static partial int sd_bus_message_exit_container(nint message);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int sd_bus_message_skip(nint message, string? types);

    [LibraryImport(Library)]
    internal static partial nint sd_bus_message_unref(nint message);

    [LibraryImport(Library)]
    internal static partial void sd_bus_error_free(SdBusError* error);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int sd_bus_add_match(
        nint bus, out nint slot, string match, delegate* unmanaged<nint, nint, nint, int> callback, nint userdata);

    [LibraryImport(Library)]
    internal static partial nint sd_bus_slot_unref(nint slot);

    [LibraryImport(Library)]
    internal static partial int sd_bus_process(nint bus, nint ret);

    [LibraryImport(Library)]
    internal static partial int sd_bus_wait(nint bus, ulong timeoutUsec);
}
