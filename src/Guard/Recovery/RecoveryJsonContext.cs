using System.Text.Json.Serialization;
using Guard.Probing;
using Guard.State;

namespace Guard.Recovery;

/// <summary>Source-generated JSON for the manual restart log; the same conventions as the state file.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    Converters = [typeof(JsonStringEnumConverter<FailureKind>)])]
[JsonSerializable(typeof(List<RestartRecord>))]
internal sealed partial class RecoveryJsonContext : JsonSerializerContext;
