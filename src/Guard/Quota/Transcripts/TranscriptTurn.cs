using Guard.Quota.Ledger;

namespace Guard.Quota.Transcripts;

/// <summary>One assistant message read from a transcript line: which model answered, when, what it used.</summary>
internal readonly record struct TranscriptTurn(string ModelId, DateTimeOffset At, UsageSample Usage, string? ErrorMessage);
