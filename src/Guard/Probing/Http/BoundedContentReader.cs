using System.Buffers;

namespace Guard.Probing.Http;

/// <summary>Reads at most N bytes of a body, so a huge or never-ending body cannot exhaust memory.</summary>
internal static class BoundedContentReader
{
    public static async Task<(byte[] Body, bool Truncated)> ReadAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            using var collected = new MemoryStream();
            while (collected.Length < maxBytes)
            {
                var want = (int)Math.Min(chunk.Length, maxBytes - collected.Length);
                var read = await stream.ReadAsync(chunk.AsMemory(0, want), cancellationToken);
                if (read == 0)
                {
                    return (collected.ToArray(), false);
                }

                collected.Write(chunk, 0, read);
            }

            return (collected.ToArray(), true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
