using System.Globalization;

namespace Guard.State;

/// <summary>
/// Crash-safe file replacement: readers see either the old or the new content, never a mix,
/// even if the process is killed or the machine loses power mid-write.
/// </summary>
public static class AtomicFile
{
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateDirectory = PrivateFile | UnixFileMode.UserExecute;

    /// <summary>
    /// The temp file this process uses while replacing <paramref name="path"/>; never read as content. Per process: the
    /// service and a one-shot command (<c>guard restart-gateway</c>) may replace the same file at the same moment.
    /// </summary>
    public static string TempPathFor(string path) => TempPathFor(path, Environment.ProcessId);

    internal static string TempPathFor(string path, int processId)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        return Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{processId.ToString(CultureInfo.InvariantCulture)}.tmp");
    }

    /// <summary>The process whose temp file of <paramref name="target"/> the file <paramref name="name"/> is, or null when it is none.</summary>
    public static int? TempFileOwner(string name, string target)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(target);
        var prefix = "." + Path.GetFileName(target) + ".";
        return name.Length > prefix.Length + ".tmp".Length && name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".tmp", StringComparison.Ordinal)
            && int.TryParse(name.AsSpan(prefix.Length, name.Length - prefix.Length - ".tmp".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                ? pid
                : null;
    }

    /// <summary>Writes a 0600 temp file beside <paramref name="path"/>, fsyncs it, renames it over the target and fsyncs the directory.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> content)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(directory))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, PrivateDirectory);
            }
        }

        // One temp name per target and process; those left by killed processes are removed, not accumulated.
        var temp = TempPathFor(full);
        RemoveStaleTemps(full, directory);
        try
        {
            File.Delete(temp);
            var options = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
            };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = PrivateFile;
            }

            using (var stream = new FileStream(temp, options))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }

        NativeFileMethods.FsyncDirectory(directory);
    }

    /// <inheritdoc cref="WriteAllBytes(string, ReadOnlySpan{byte})"/>
    public static void WriteAllBytes(string path, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        WriteAllBytes(path, content.AsSpan());
    }

    /// <summary>
    /// Moves an unreadable file aside as <c>&lt;path&gt;.corrupt-&lt;UTC yyyyMMddTHHmmssfffZ&gt;</c> and returns the new path.
    /// Never overwrites an earlier quarantined file.
    /// </summary>
    public static string QuarantineCorrupt(string path, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(time);
        var full = Path.GetFullPath(path);
        var stamp = time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture);
        var target = $"{full}.corrupt-{stamp}";
        for (var attempt = 1; ; attempt++)
        {
            if (!File.Exists(target) && !Directory.Exists(target))
            {
                try
                {
                    // overwrite: false links then unlinks on Unix, so an existing quarantine file is never replaced.
                    File.Move(full, target, overwrite: false);
                    break;
                }
                catch (IOException) when (File.Exists(target) && attempt < 100)
                {
                    // Lost a race for this name; try the next suffix.
                }
            }

            if (attempt >= 100)
            {
                throw new IOException($"No free quarantine name for {full}");
            }

            target = $"{full}.corrupt-{stamp}-{attempt}";
        }

        NativeFileMethods.FsyncDirectory(Path.GetDirectoryName(full)!);
        return target;
    }

    /// <summary>Temp files of this target whose process is gone (killed mid-write).</summary>
    private static void RemoveStaleTemps(string full, string directory)
    {
        try
        {
            foreach (var file in Directory.EnumerateFiles(directory, "." + Path.GetFileName(full) + ".*.tmp"))
            {
                if (TempFileOwner(Path.GetFileName(file), full) is { } pid && pid != Environment.ProcessId
                    && !Directory.Exists($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}"))
                {
                    TryDelete(file);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Tidying only; the write itself goes on.
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the next write deletes it anyway.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}
