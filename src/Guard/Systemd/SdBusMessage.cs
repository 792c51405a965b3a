using System.Runtime.InteropServices;

namespace Guard.Systemd;

/// <summary>
/// A borrowed or owned <c>sd_bus_message*</c> with typed readers. Strings are copied out at once because
/// sd-bus only guarantees them while the message lives.
/// </summary>
internal readonly unsafe struct SdBusMessage
{
    private readonly nint _handle;

    internal SdBusMessage(nint handle) => _handle = handle;

    internal nint Handle => _handle;

    internal string ReadString(byte type = SdBusNative.TypeString)
    {
        nint value;
        Check(SdBusNative.sd_bus_message_read_basic(_handle, type, &value), "read string");
        return Marshal.PtrToStringUTF8(value) ?? string.Empty;
    }

    internal int ReadInt32()
    {
        int value;
        Check(SdBusNative.sd_bus_message_read_basic(_handle, SdBusNative.TypeInt32, &value), "read int32");
        return value;
    }

    internal uint ReadUInt32()
    {
        uint value;
        Check(SdBusNative.sd_bus_message_read_basic(_handle, SdBusNative.TypeUInt32, &value), "read uint32");
        return value;
    }

    internal ulong ReadUInt64()
    {
        ulong value;
        Check(SdBusNative.sd_bus_message_read_basic(_handle, SdBusNative.TypeUInt64, &value), "read uint64");
        return value;
    }

    /// <summary>Returns false at the end of an array (sd-bus returns 0 there).</summary>
    internal bool TryEnter(byte type, string contents) =>
        Check(SdBusNative.sd_bus_message_enter_container(_handle, type, contents), "enter container") > 0;

    internal void Exit() => Check(SdBusNative.sd_bus_message_exit_container(_handle), "exit container");

    internal void Skip(string types) => Check(SdBusNative.sd_bus_message_skip(_handle, types), "skip");

    private static int Check(int result, string what) =>
        result < 0 ? throw SdBusProtocolException.FromErrno(what, result) : result;
}
