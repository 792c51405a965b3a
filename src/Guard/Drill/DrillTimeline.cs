using System.Globalization;

namespace Guard.Drill;

/// <summary>Timestamps relative to fault onset; each step is recorded once (the first time it happens) and printed at once.</summary>
public sealed class DrillTimeline(TimeProvider time, TextWriter output)
{
    private readonly Dictionary<string, TimeSpan> _marks = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _onset;

    public void Start() => _onset = time.GetTimestamp();

    /// <summary>Records <paramref name="step"/> once; returns false when it was already recorded.</summary>
    public bool Mark(string step, string text)
    {
        lock (_gate)
        {
            if (_marks.ContainsKey(step))
            {
                return false;
            }

            var at = time.GetElapsedTime(_onset);
            _marks[step] = at;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {"+" + at.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture),7} s  {text}"));
            return true;
        }
    }

    public TimeSpan? At(string step)
    {
        lock (_gate)
        {
            return _marks.TryGetValue(step, out var at) ? at : null;
        }
    }
}
