namespace Guard.Configuration;

/// <summary>Reach proves DNS/TLS/auth/model without spending a token; Deep spends one output token.</summary>
public enum ProbeTier
{
    Reach,
    Deep,
}
