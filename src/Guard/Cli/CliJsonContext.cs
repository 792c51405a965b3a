using System.Text.Json.Serialization;

namespace Guard.Cli;

/// <summary>Source-generated JSON for command output (AOT-safe).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(List<ProbeJsonRow>))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
