namespace Guard.IntegrationTests.RealOpenClaw;

/// <summary>How a test home holds one provider's key (openclaw-today.md, "provider key, 4 shapes seen").</summary>
public enum KeyShape
{
    /// <summary><c>models.providers.X.apiKey</c> is the key itself.</summary>
    Inline,

    /// <summary><c>apiKey: "${VAR}"</c>, VAR set in <c>~/.openclaw/.env</c>.</summary>
    EnvReferenceDotEnv,

    /// <summary><c>apiKey: "${VAR}"</c>, VAR set in the config's <c>env.vars</c>.</summary>
    EnvReferenceConfigVars,

    /// <summary><c>apiKey: {"source":"env","provider":"default","id":VAR}</c>, VAR in <c>~/.openclaw/.env</c> (onboarding's <c>--secret-input-mode ref</c>).</summary>
    SecretRefEnv,

    /// <summary><c>apiKey: "X:manual"</c>, the key in the SQLite auth-profile store (<c>models auth paste-api-key</c>).</summary>
    ProfileMarkerSqlite,

    /// <summary>No apiKey; an <c>api_key</c> profile in <c>agents/main/agent/auth-profiles.json</c> (the seed's era).</summary>
    AuthProfileJson,
}
