using ZstdSharp;

namespace Guard.Quota.Transcripts;

/// <summary>zstd decoding of OpenClaw's compressed transcript rows and archives, bounded so a bad frame cannot exhaust memory.</summary>
internal static class ZstdFrames
{
    /// <summary>Largest decoded archive read (OpenClaw caps a compressed row at 4 MiB; archives hold whole sessions).</summary>
    public const long MaxArchiveBytes = 512L * 1024 * 1024;

    /// <summary>One compressed row; null when the frame is corrupt or larger than <paramref name="maxBytes"/>.</summary>
    public static byte[]? TryDecode(ReadOnlySpan<byte> frame, int maxBytes)
    {
        try
        {
            using var decompressor = new Decompressor();
            // A frame that names its size (OpenClaw's rows do) is checked before decoding; one that does not is bounded while decoding.
            var size = Decompressor.GetDecompressedSize(frame);
            var unknown = size >= ulong.MaxValue - 1;
            if (!unknown && size > (ulong)maxBytes)
            {
                return null;
            }

            return decompressor.Unwrap(frame, unknown ? maxBytes : (int)size).ToArray();
        }
        catch (ZstdException)
        {
            return null;
        }
    }

    /// <summary>
    /// A whole <c>.zst</c> archive decoded into memory; <paramref name="complete"/> is false when it is corrupt, cut short or
    /// too large, and what decoded before the fault is still returned.
    /// </summary>
    public static MemoryStream Decode(Stream compressed, out bool complete)
    {
        ArgumentNullException.ThrowIfNull(compressed);
        var output = new MemoryStream();
        complete = false;
        try
        {
            using var decoder = new DecompressionStream(compressed, leaveOpen: true);
            var buffer = new byte[81920];
            int read;
            while ((read = decoder.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (output.Length + read > MaxArchiveBytes)
                {
                    output.Position = 0;
                    return output;
                }

                output.Write(buffer, 0, read);
            }

            complete = true;
        }
        catch (Exception e) when (e is ZstdException or EndOfStreamException or InvalidDataException or IOException)
        {
            // Corrupt or truncated: what came out before the fault is real history.
        }

        output.Position = 0;
        return output;
    }
}
