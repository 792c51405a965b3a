using System.Security.Cryptography;

namespace Guard.Quota.Transcripts;

/// <summary>
/// Reads new lines of OpenClaw transcripts, <c>&lt;agents&gt;/*/sessions/*.jsonl</c> and their <c>.jsonl.reset.*</c> /
/// <c>.jsonl.deleted.*</c> archives, incrementally by byte offset. A file is identified by a hash of its first line
/// (the session header with its unique id), so a rename to an archive continues where the live file stopped and a
/// copy is never counted twice. Unchanged files (same length and mtime) are not even opened. Not thread-safe: one
/// caller (the quota check) owns it.
/// </summary>
public sealed class TranscriptReader
{
    /// <summary>Identity is taken from at most this many bytes when the first line is longer.</summary>
    private const int IdentityBytes = 4096;

    /// <summary>A single line longer than this is skipped as malformed rather than held in memory.</summary>
    public const int MaxLineBytes = 64 * 1024 * 1024;

    private readonly Dictionary<string, TranscriptCursor> _byIdentity = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _identityByPath = new(StringComparer.Ordinal);
    private readonly ModelIdCache _ids = new();
    private readonly int _bufferSize;
    private readonly Func<string, string, long>? _turnsCounted;
    private long _skipTurns;

    // Allocated at the first read: a Guard that never sees a transcript should not keep 1 MiB resident for one.
    private byte[] _buffer = [];

    /// <param name="bufferSize">Read buffer (grows for longer lines).</param>
    /// <param name="turnsCounted">
    /// Assistant turns of (agent, session id) already counted from today's SQLite store: a <c>.zst</c> deletion archive of
    /// that session skips as many before counting.
    /// </param>
    public TranscriptReader(int bufferSize = 1024 * 1024, Func<string, string, long>? turnsCounted = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferSize, 64);
        _bufferSize = bufferSize;
        _turnsCounted = turnsCounted;
    }

    /// <summary>Today's deletion archives, <c>&lt;session&gt;.jsonl.deleted.&lt;ts&gt;.&lt;hash&gt;.zst</c>: zstd-compressed JSONL, written once.</summary>
    public static bool IsCompressedArchive(string path) => path.EndsWith(".zst", StringComparison.Ordinal);

    /// <summary>The session id an archive's name starts with.</summary>
    private static string? SessionOfArchive(FileInfo file)
    {
        var end = file.Name.IndexOf(".jsonl.", StringComparison.Ordinal);
        return end > 0 ? file.Name[..end] : null;
    }

    /// <summary>The archive decoded, ending in a newline so its last line counts (an archive never grows); a corrupt one counts once as malformed.</summary>
    private static MemoryStream DecodeArchive(FileStream file, TranscriptScan scan)
    {
        var decoded = ZstdFrames.Decode(file, out var complete);
        if (!complete)
        {
            scan.MalformedLines++;
            scan.CorruptArchives++;
        }

        if (decoded.Length > 0 && decoded.GetBuffer()[decoded.Length - 1] != (byte)'\n')
        {
            decoded.Position = decoded.Length;
            decoded.WriteByte((byte)'\n');
        }

        decoded.Position = 0;
        return decoded;
    }

    /// <summary>Cursors as they stand after the last scan, by identity (persist these).</summary>
    public IReadOnlyDictionary<string, TranscriptCursor> Cursors => _byIdentity;

    /// <summary>Replaces the in-memory cursors with persisted ones (at start-up).</summary>
    public void Load(IReadOnlyDictionary<string, TranscriptCursor> cursors)
    {
        ArgumentNullException.ThrowIfNull(cursors);
        _byIdentity.Clear();
        _identityByPath.Clear();
        foreach (var (identity, cursor) in cursors)
        {
            var copy = new TranscriptCursor
            {
                Path = cursor.Path, Offset = cursor.Offset, Length = cursor.Length, LastWriteTicks = cursor.LastWriteTicks, LastSeen = cursor.LastSeen,
            };
            _byIdentity[identity] = copy;
            _identityByPath[copy.Path] = identity;
        }
    }

    /// <summary>Every transcript file under <paramref name="agentsDirectory"/>, in a stable order.</summary>
    public static IEnumerable<FileInfo> Files(string agentsDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(agentsDirectory);
        var agents = new DirectoryInfo(agentsDirectory);
        if (!agents.Exists)
        {
            yield break;
        }

        foreach (var agent in SafeEnumerate(() => agents.EnumerateDirectories()).OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            var sessions = new DirectoryInfo(Path.Combine(agent.FullName, "sessions"));
            if (!sessions.Exists)
            {
                continue;
            }

            foreach (var file in SafeEnumerate(() => sessions.EnumerateFiles()).Where(f => IsTranscriptName(f.Name)).OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                yield return file;
            }
        }
    }

    /// <summary>OpenClaw's usage-counted names: live <c>.jsonl</c> and the reset/deleted archives.</summary>
    public static bool IsTranscriptName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.EndsWith(".zst", StringComparison.Ordinal))
        {
            return name.Contains(".jsonl.deleted.", StringComparison.Ordinal) || name.Contains(".jsonl.reset.", StringComparison.Ordinal);
        }

        return name.EndsWith(".jsonl", StringComparison.Ordinal)
            || name.Contains(".jsonl.reset.", StringComparison.Ordinal)
            || name.Contains(".jsonl.deleted.", StringComparison.Ordinal);
    }

    /// <summary>Reads what is new in every transcript; never throws for file content or a file vanishing mid-scan.</summary>
    public TranscriptScan Scan(string agentsDirectory, DateTimeOffset now) => Scan(agentsDirectory, now, DateTimeOffset.MinValue);

    /// <summary>
    /// As <see cref="Scan(string, DateTimeOffset)"/>; turns in a file read from its start (no offset known) count as
    /// health evidence only when written at or after <paramref name="evidenceSince"/> (Guard's start).
    /// </summary>
    public TranscriptScan Scan(string agentsDirectory, DateTimeOffset now, DateTimeOffset evidenceSince)
    {
        var scan = new TranscriptScan { EvidenceSince = evidenceSince };
        ScanInto(agentsDirectory, now, scan);
        scan.Complete();
        return scan;
    }

    /// <summary>As <see cref="Scan(string, DateTimeOffset, DateTimeOffset)"/>, adding to a pass that has begun (the caller completes it).</summary>
    internal void ScanInto(string agentsDirectory, DateTimeOffset now, TranscriptScan scan)
    {
        foreach (var file in Files(agentsDirectory))
        {
            scan.FilesSeen++;
            try
            {
                ScanFile(file, now, scan);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Vanished or unreadable right now (rotation in flight): the next cycle sees it again.
            }
        }
    }

    /// <summary>Forgets cursors of files not seen since <paramref name="before"/> (deleted archives).</summary>
    public void Forget(DateTimeOffset before)
    {
        foreach (var (identity, cursor) in _byIdentity.Where(p => p.Value.LastSeen < before).ToList())
        {
            _byIdentity.Remove(identity);
            if (_identityByPath.TryGetValue(cursor.Path, out var mapped) && mapped == identity)
            {
                _identityByPath.Remove(cursor.Path);
            }
        }
    }

    private void ScanFile(FileInfo info, DateTimeOffset now, TranscriptScan scan)
    {
        var path = info.FullName;
        var length = info.Length;
        var mtime = info.LastWriteTimeUtc.Ticks;

        // The no-new-data path: one stat (already done by the enumeration), no open.
        if (_identityByPath.TryGetValue(path, out var knownIdentity) && _byIdentity.TryGetValue(knownIdentity, out var known)
            && known.Path == path && known.Length == length && known.LastWriteTicks == mtime)
        {
            known.LastSeen = now;
            return;
        }

        using var file = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Open,
            Access = FileAccess.Read,
            Share = FileShare.ReadWrite | FileShare.Delete,
            BufferSize = 0,
            Options = FileOptions.SequentialScan,
        });
        var archive = IsCompressedArchive(path);
        using var stream = archive ? DecodeArchive(file, scan) : (Stream)file;
        var identity = Identity(stream);
        if (identity is null)
        {
            // No complete first line yet: nothing countable either.
            return;
        }

        scan.FilesRead++;
        scan.ReadingHistory = !_byIdentity.TryGetValue(identity, out var cursor);
        if (cursor is null)
        {
            cursor = new TranscriptCursor();
            _byIdentity[identity] = cursor;
        }

        if (cursor.Path.Length > 0 && cursor.Path != path && _identityByPath.TryGetValue(cursor.Path, out var old) && old == identity)
        {
            _identityByPath.Remove(cursor.Path);
        }

        cursor.Path = path;
        cursor.LastSeen = now;
        _identityByPath[path] = identity;

        var size = stream.Length;
        if (size < cursor.Offset)
        {
            // Same session, fewer bytes: rewritten in place. What remains was counted already; only appends are new.
            scan.Truncated++;
            cursor.Offset = size;
        }

        // A deletion archive of today's store holds a session whose rows may have been counted already from SQLite.
        _skipTurns = archive && cursor.Offset == 0 && _turnsCounted is not null && SessionOfArchive(info) is { } session
            ? _turnsCounted(info.Directory!.Parent!.Name, session) : 0;
        cursor.Offset = ReadFrom(stream, cursor.Offset, scan);
        cursor.Length = archive ? length : stream.Length;

        // The mtime from before the read: an append during the read changes it, so the next cycle looks again.
        cursor.LastWriteTicks = mtime;
    }

    /// <summary>Reads complete lines from <paramref name="offset"/> to the end; returns the offset after the last newline.</summary>
    private long ReadFrom(Stream stream, long offset, TranscriptScan scan)
    {
        stream.Position = offset;
        if (_buffer.Length == 0)
        {
            _buffer = new byte[_bufferSize];
        }

        var filled = 0;
        var skipping = false;
        while (true)
        {
            if (filled == _buffer.Length)
            {
                if (_buffer.Length >= MaxLineBytes)
                {
                    // One enormous line: drop what we hold and skip to its end.
                    skipping = true;
                    offset += filled;
                    filled = 0;
                }
                else
                {
                    Array.Resize(ref _buffer, Math.Min(MaxLineBytes, _buffer.Length * 2));
                }
            }

            var read = stream.Read(_buffer, filled, _buffer.Length - filled);
            if (read == 0)
            {
                return offset;
            }

            scan.BytesRead += read;
            filled += read;
            var span = _buffer.AsSpan(0, filled);
            var consumed = 0;
            int newline;
            while ((newline = span[consumed..].IndexOf((byte)'\n')) >= 0)
            {
                var line = span.Slice(consumed, newline);
                if (skipping)
                {
                    skipping = false;
                    scan.MalformedLines++;
                }
                else
                {
                    Consume(line, _ids, scan);
                }

                consumed += newline + 1;
            }

            offset += consumed;
            if (consumed > 0)
            {
                span[consumed..].CopyTo(_buffer);
                filled -= consumed;
            }
        }
    }

    private void Consume(ReadOnlySpan<byte> line, ModelIdCache ids, TranscriptScan scan)
    {
        switch (TranscriptEntryParser.Parse(line, ids, out var turn))
        {
            case TranscriptEntryParser.Result.Turn when _skipTurns > 0:
                _skipTurns--;
                scan.ArchivedTurnsSkipped++;
                break;
            case TranscriptEntryParser.Result.Turn:
                scan.Add(in turn);
                break;
            case TranscriptEntryParser.Result.Malformed:
                scan.MalformedLines++;
                break;
        }
    }

    /// <summary>SHA-256 of the first line (or first 4 KiB); null while the first line is still incomplete.</summary>
    private static string? Identity(Stream stream)
    {
        Span<byte> head = stackalloc byte[IdentityBytes];
        var total = 0;
        int read;
        while (total < head.Length && (read = stream.Read(head[total..])) > 0)
        {
            total += read;
        }

        var newline = head[..total].IndexOf((byte)'\n');
        if (newline < 0 && total < IdentityBytes)
        {
            return null;
        }

        var first = newline < 0 ? head : head[..newline];
        return Convert.ToHexStringLower(SHA256.HashData(first)[..16]);
    }

    private static IEnumerable<T> SafeEnumerate<T>(Func<IEnumerable<T>> enumerate)
    {
        try
        {
            return enumerate().ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
