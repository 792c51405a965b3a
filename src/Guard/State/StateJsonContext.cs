using System.Text.Json.Serialization;
using Guard.Probing;

namespace Guard.State;

/// <summary>
/// Source-generated (AOT) JSON for the state file: snake_case properties, enums and enum dictionary keys
/// as their names, unknown properties skipped, NaN allowed (a NaN latency must not make the state unsavable).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    Converters = [typeof(JsonStringEnumConverter<FailureKind>), typeof(JsonStringEnumConverter<ModelHealth>)])]
[JsonSerializable(typeof(GuardState))]
internal sealed partial class StateJsonContext : JsonSerializerContext;
