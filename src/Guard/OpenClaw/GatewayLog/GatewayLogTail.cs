using System.Text;
using Guard.OpenClaw.Discovery;

namespace Guard.OpenClaw.GatewayLog;

/// <summary>
/// Follows the gateway's daily log (<c>openclaw[-profile]-YYYY-MM-DD.log</c>, named by local date): new complete lines
/// only, the previous day's file drained before switching at midnight, and a file that shrank (rotated or truncated)
/// read again from its start. It starts at the end of today's file: history is not replayed as fresh evidence.
/// </summary>
public sealed class GatewayLogTail(Func<OpenClawPaths> paths, TimeProvider time)
{
    private const int MaxReadPerPoll = 4 * 1024 * 1024;
    private readonly StringBuilder _partial = new();
    private string? _path;
    private long _offset;

    /// <summary>The file currently followed (null before the first poll).</summary>
    public string? CurrentPath => _path;

    public IReadOnlyList<string> Poll()
    {
        var today = paths().LogFileFor(DateOnly.FromDateTime(time.GetLocalNow().DateTime));
        var lines = new List<string>();
        if (_path is null)
        {
            _path = today;
            _offset = File.Exists(today) ? new FileInfo(today).Length : 0;
            return lines;
        }

        if (!string.Equals(_path, today, StringComparison.Ordinal))
        {
            ReadFrom(_path, lines); // whatever the old day got after our last poll
            _partial.Clear();
            _path = today;
            _offset = 0;
        }

        ReadFrom(_path, lines);
        return lines;
    }

    private void ReadFrom(string path, List<string> lines)
    {
        if (!File.Exists(path))
        {
            return;
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length < _offset)
            {
                _offset = 0; // rotated or truncated under us
                _partial.Clear();
            }

            if (stream.Length == _offset)
            {
                return;
            }

            stream.Seek(_offset, SeekOrigin.Begin);
            var buffer = new byte[Math.Min(stream.Length - _offset, MaxReadPerPoll)];
            var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);

            // Only whole lines advance the offset's meaning; a trailing partial line waits in _partial.
            _offset += read;
            _partial.Append(Encoding.UTF8.GetString(buffer, 0, read));
            var text = _partial.ToString();
            var lastNewline = text.LastIndexOf('\n');
            if (lastNewline < 0)
            {
                return;
            }

            lines.AddRange(text[..lastNewline].Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0));
            _partial.Clear().Append(text[(lastNewline + 1)..]);
        }
        catch (IOException)
        {
            // Being rotated right now: the next poll sees the new state.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
