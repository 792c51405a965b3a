namespace Guard.OpenClaw.Heartbeat;

/// <summary>
/// Guard's delimited section in HEARTBEAT.md. Everything outside it stays byte-identical: the begin marker records
/// whether Guard added a line break before it or created the file, so removing the section restores the original.
/// </summary>
public static class HeartbeatSection
{
    private const string BeginPrefix = "<!-- guard-status:begin";
    private const string End = "<!-- guard-status:end -->\n";

    /// <summary>
    /// The new file content with <paramref name="body"/> as Guard's section (null removes it); null means "delete the
    /// file" (Guard created it and nothing else is in it).
    /// </summary>
    public static string? Apply(string? existing, string? body)
    {
        var (outside, insertedNewline, createdFile) = Strip(existing);
        if (body is null)
        {
            return createdFile && outside.Length == 0 ? null : outside;
        }

        var created = existing is null || createdFile;
        var needsNewline = outside.Length > 0 && !outside.EndsWith('\n');
        var flags = (needsNewline ? " nl" : "") + (created && outside.Length == 0 ? " new" : "");
        return outside + (needsNewline ? "\n" : "") + $"{BeginPrefix}{flags} -->\n" + body.TrimEnd('\n') + "\n" + End;
    }

    /// <summary>The file without Guard's section, exactly as it was before Guard wrote it.</summary>
    public static (string Outside, bool InsertedNewline, bool CreatedFile) Strip(string? existing)
    {
        if (existing is null)
        {
            return ("", false, false);
        }

        var begin = existing.IndexOf(BeginPrefix, StringComparison.Ordinal);
        if (begin < 0)
        {
            return (existing, false, false);
        }

        var markerEnd = existing.IndexOf("-->\n", begin, StringComparison.Ordinal);
        var end = existing.IndexOf(End, begin, StringComparison.Ordinal);
        if (markerEnd < 0 || end < 0)
        {
            return (existing, false, false); // damaged by hand: leave the file alone
        }

        var flags = existing[(begin + BeginPrefix.Length)..markerEnd];
        var nl = flags.Contains(" nl", StringComparison.Ordinal);
        var created = flags.Contains(" new", StringComparison.Ordinal);
        var before = existing[..begin];
        if (nl && before.EndsWith('\n'))
        {
            before = before[..^1];
        }

        return (before + existing[(end + End.Length)..], nl, created);
    }
}
