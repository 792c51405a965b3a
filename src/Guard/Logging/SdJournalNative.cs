using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;

namespace Guard.Logging;

/// <summary>
/// <c>sd_journal_sendv</c>: one journal entry from <c>FIELD=value</c> items. libsystemd writes the native
/// protocol to <see cref="SocketPath"/> (binary-safe framing for values with newlines, memfd for big entries),
/// so Guard needs no protocol code of its own. The iovec array is blittable; no runtime marshalling.
/// </summary>
internal static unsafe partial class SdJournalNative
{
    /// <summary>Where sd_journal_sendv always sends; its absence means "not under a journald".</summary>
    internal const string SocketPath = "/run/systemd/journal/socket";

    private const string Library = "libsystemd.so.0";

    // More fields than Guard ever sends would only mean a bug; keeps the iovec array on the stack.
    private const int MaxFields = 64;

    /// <summary>Sends one entry. Returns 0, or <c>-errno</c> (e.g. -ENOENT when no journald listens).</summary>
    /// <exception cref="DllNotFoundException">libsystemd.so.0 is not installed.</exception>
    internal static int Send(IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fields.Count, MaxFields);
        var length = 0;
        foreach (var (key, value) in fields)
        {
            length += Encoding.UTF8.GetByteCount(key) + 1 + Encoding.UTF8.GetByteCount(value);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        try
        {
            var vectors = stackalloc IoVec[fields.Count];
            fixed (byte* start = buffer)
            {
                var offset = 0;
                for (var i = 0; i < fields.Count; i++)
                {
                    var (key, value) = fields[i];
                    var written = Encoding.UTF8.GetBytes(key, buffer.AsSpan(offset));
                    buffer[offset + written] = (byte)'=';
                    written += 1 + Encoding.UTF8.GetBytes(value, buffer.AsSpan(offset + written + 1));
                    vectors[i] = new IoVec { Base = start + offset, Length = (nuint)written };
                    offset += written;
                }

                return sd_journal_sendv(vectors, fields.Count);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    [LibraryImport(Library)]
    private static partial int sd_journal_sendv(IoVec* iov, int n);

    /// <summary><c>struct iovec</c>: a pointer and a size_t.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct IoVec
    {
        public byte* Base;
        public nuint Length;
    }
}
