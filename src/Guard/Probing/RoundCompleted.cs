using Guard.Tracking;

namespace Guard.Probing;

/// <summary>Published on the event bus after every probe round the tracker recorded (scheduled, confirmation or verification).</summary>
public sealed record RoundCompleted(RoundSummary Summary);
