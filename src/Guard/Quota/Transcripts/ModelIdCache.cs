using System.Text;

namespace Guard.Quota.Transcripts;

/// <summary>
/// Reuses the <c>provider/model</c> string for the few models a transcript mentions, so a turn costs no allocation
/// for its id. Not thread-safe: one per reader.
/// </summary>
internal sealed class ModelIdCache
{
    private const int Size = 8;

    private readonly (byte[] Provider, byte[] Model, string Id)[] _entries = new (byte[], byte[], string)[Size];
    private int _count;
    private int _next;

    public string Get(ReadOnlySpan<byte> provider, ReadOnlySpan<byte> model)
    {
        for (var i = 0; i < _count; i++)
        {
            var entry = _entries[i];
            if (provider.SequenceEqual(entry.Provider) && model.SequenceEqual(entry.Model))
            {
                return entry.Id;
            }
        }

        var id = provider.IsEmpty ? Encoding.UTF8.GetString(model) : Encoding.UTF8.GetString(provider) + "/" + Encoding.UTF8.GetString(model);
        _entries[_next] = (provider.ToArray(), model.ToArray(), id);
        _next = (_next + 1) % Size;
        _count = Math.Min(_count + 1, Size);
        return id;
    }
}
