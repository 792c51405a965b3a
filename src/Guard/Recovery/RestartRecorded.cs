using Guard.State;

namespace Guard.Recovery;

/// <summary>Published after a restart record was added or completed in the store (the command mirrors refusals to disk).</summary>
public sealed record RestartRecorded(RestartRecord Record);
