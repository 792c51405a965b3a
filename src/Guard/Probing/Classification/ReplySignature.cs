namespace Guard.Probing.Classification;

/// <summary>One row of <see cref="ReplyFamilies"/>: a body that matches <see cref="When"/> speaks <see cref="Family"/>'s vocabulary.</summary>
/// <param name="Name">Shown in the decided rule, e.g. "moonshot:error-type".</param>
/// <param name="Family">The family whose rule table then decides.</param>
/// <param name="Strong">
/// Vocabulary only that provider uses (a type string, a code set). Weak rows are envelope shapes others may copy
/// (Anthropic's <c>"type":"error"</c>, Google's array wrapper); they decide only when no strong row matched.
/// </param>
/// <param name="When">The facts that give the family away.</param>
internal sealed record ReplySignature(string Name, ProviderFamily Family, bool Strong, Func<ErrorFacts, bool> When);
