namespace Guard.Benchmarks;

/// <summary>One line of the published table.</summary>
internal sealed record BenchmarkRow(string Figure, string Target, string Measured, string Notes);
