using System.Globalization;

namespace Guard.Configuration;

/// <summary>
/// <c>.guard_config_kept</c> in the data directory: written by a running <c>guard run</c> when a live edit was refused
/// (file deleted, unreadable, invalid) and it kept its last good configuration; removed when an edit is accepted and
/// at start. <c>guard status</c> shows it, so the owner learns it from the status, not only from the journal.
/// Two lines: when (ISO 8601) and what (the validator's words, which never echo credentials).
/// </summary>
public static class KeptConfigurationNotice
{
    public const string FileName = ".guard_config_kept";

    public static string PathIn(string dataDirectory) => Path.Combine(dataDirectory, FileName);

    public static void Write(string dataDirectory, DateTimeOffset since, string problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var text = since.ToString("O", CultureInfo.InvariantCulture) + "\n" + problem.ReplaceLineEndings(" ") + "\n";
        try
        {
            var temp = PathIn(dataDirectory) + ".tmp";
            var create = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temp, create))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(text);
            }

            File.Move(temp, PathIn(dataDirectory), overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The journal line (events 1002, 8401–8403) already says it; the status line is a convenience.
        }
    }

    public static void Clear(string dataDirectory)
    {
        try
        {
            File.Delete(PathIn(dataDirectory));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing to clear, or cannot: status would show a stale line until the next accepted edit.
        }
    }

    /// <summary>The notice, or null when there is none (or it cannot be read).</summary>
    public static (DateTimeOffset Since, string Problem)? TryRead(string dataDirectory)
    {
        try
        {
            var lines = File.ReadAllLines(PathIn(dataDirectory));
            return lines.Length >= 2 && DateTimeOffset.TryParse(lines[0], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var since)
                ? (since, lines[1])
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
