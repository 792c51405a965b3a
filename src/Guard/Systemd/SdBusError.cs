using System.Runtime.InteropServices;

namespace Guard.Systemd;

/// <summary>Blittable mirror of <c>sd_bus_error</c>; all-zero is <c>SD_BUS_ERROR_NULL</c>. Free with <c>sd_bus_error_free</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SdBusError
{
    public nint Name;
    public nint Message;
    public int NeedFree;

    public readonly string? NameString => Marshal.PtrToStringUTF8(Name);

    public readonly string? MessageString => Marshal.PtrToStringUTF8(Message);
}
