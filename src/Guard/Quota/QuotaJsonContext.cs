using System.Text.Json.Serialization;

namespace Guard.Quota;

/// <summary>Source-generated JSON for <c>guard quota --json</c> (AOT-safe).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(QuotaJsonReport))]
internal sealed partial class QuotaJsonContext : JsonSerializerContext;
