namespace Guard.IntegrationTests.RealOpenClaw;

/// <summary>Where a release keeps what Guard reads (openclaw-today.md, "Where things live").</summary>
public enum OpenClawEra
{
    /// <summary>The seed's era (2026.2.x): <c>auth-profiles.json</c>, live JSONL transcripts, no SecretRefs.</summary>
    JsonFiles,

    /// <summary>2026.9.x: auth profiles, cooldowns and transcripts in SQLite; SecretRefs and profile-id markers.</summary>
    SqliteStores,
}
