using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Guard.State;

/// <summary>Reads, writes and recovers <c>&lt;DataDirectory&gt;/.api_health_state.json</c>.</summary>
public static partial class StateFile
{
    /// <summary>The seed script's file name, kept so its readers (HEARTBEAT.md instructions) keep working.</summary>
    public const string FileName = ".api_health_state.json";

    public static string PathIn(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        return Path.Combine(dataDirectory, FileName);
    }

    public static byte[] Serialize(GuardState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return JsonSerializer.SerializeToUtf8Bytes(state, StateJsonContext.Default.GuardState);
    }

    /// <summary>Parses state JSON, filling absent collections. Throws <see cref="JsonException"/> on bad content.</summary>
    public static GuardState Deserialize(ReadOnlySpan<byte> utf8Json)
    {
        var state = JsonSerializer.Deserialize(utf8Json, StateJsonContext.Default.GuardState)
            ?? throw new JsonException("The state file contains null.");
        return Normalize(state, []);
    }

    /// <summary>
    /// Parses state JSON, repairing what it can: a null or wrong-shaped section becomes its default and is named in
    /// <paramref name="repairs"/>. Throws <see cref="JsonException"/> only when the text is not a JSON object.
    /// </summary>
    public static GuardState DeserializeRepairing(ReadOnlySpan<byte> utf8Json, List<string> repairs)
    {
        ArgumentNullException.ThrowIfNull(repairs);
        GuardState? state;
        try
        {
            state = JsonSerializer.Deserialize(utf8Json, StateJsonContext.Default.GuardState);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or FormatException)
        {
            state = StateRepair.DeserializeRepairing(utf8Json, repairs);
        }

        return Normalize(state ?? throw new JsonException("The state file contains null."), repairs);
    }

    /// <summary>Atomically replaces the file with <paramref name="state"/> (mode 0600).</summary>
    public static void Save(string path, GuardState state) => AtomicFile.WriteAllBytes(path, Serialize(state));

    /// <summary>Looks at the file without changing anything on disk (for <c>guard status</c>).</summary>
    public static StateReadResult TryRead(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return new StateReadResult(StateReadStatus.Missing, null, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new StateReadResult(StateReadStatus.Corrupt, null, e.Message);
        }

        GuardState state;
        var repairs = new List<string>();
        try
        {
            state = DeserializeRepairing(bytes, repairs);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            return new StateReadResult(StateReadStatus.Corrupt, null, e.Message);
        }

        if (state.SchemaVersion > GuardState.CurrentSchemaVersion)
        {
            return new StateReadResult(
                StateReadStatus.NewerSchema,
                null,
                $"schema_version {state.SchemaVersion} is newer than the {GuardState.CurrentSchemaVersion} this Guard understands");
        }

        return new StateReadResult(StateReadStatus.Ok, state, null, repairs);
    }

    /// <summary>
    /// Loads the state for the service. Missing → fresh state. Unusable → moved aside as evidence,
    /// warning logged, fresh state. Never throws for anything found on disk.
    /// </summary>
    public static GuardState Load(string path, TimeProvider time, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        var result = TryRead(path);
        switch (result.Status)
        {
            case StateReadStatus.Ok:
                foreach (var repair in result.Repairs)
                {
                    LogRepaired(logger, path, repair);
                }

                LogLoaded(logger, path, result.State!.Models.Count);
                return Upgrade(result.State);
            case StateReadStatus.Missing:
                LogMissing(logger, path);
                return new GuardState();
            default:
                try
                {
                    var aside = AtomicFile.QuarantineCorrupt(path, time);
                    LogQuarantined(logger, path, result.Problem ?? "unknown problem", aside);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    LogQuarantineFailed(logger, e, path, result.Problem ?? "unknown problem");
                }

                return new GuardState();
        }
    }

    /// <summary>Seed files (schema 0) carry only the seed fields; from now on they are written as the current schema.</summary>
    private static GuardState Upgrade(GuardState state)
    {
        state.SchemaVersion = GuardState.CurrentSchemaVersion;
        return state;
    }

    // A hand-edited or older file may have nulls where this build expects sections or collections; every round
    // reads them, so each becomes its default here, once, and the sections that were null are named.
    private static GuardState Normalize(GuardState state, List<string> repairs)
    {
        state.Models ??= Repaired(new Dictionary<string, ModelState>(StringComparer.Ordinal), "models", repairs);
        foreach (var id in state.Models.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            state.Models[id] = Repaired(new ModelState(), $"models entry \"{id}\"", repairs);
        }

        foreach (var model in state.Models.Values)
        {
            model.FailureCounts ??= [];
        }

        state.Chain ??= Repaired(new ChainState(), "chain", repairs);
        state.Chain.UsableModels ??= [];
        state.Chain.UnknownModels ??= [];
        state.Gateway ??= Repaired(new GatewayState(), "gateway", repairs);
        state.Recovery ??= Repaired(new RecoveryState(), "recovery", repairs);
        state.Quota = (state.Quota ?? Repaired(new Guard.Quota.QuotaState(), "quota", repairs)).Normalized();
        state.Reorder ??= Repaired(new Guard.OpenClaw.Advice.ReorderState(), "reorder", repairs);
        state.Restarts ??= Repaired(new List<RestartRecord>(), "restarts", repairs);
        if (state.Restarts.RemoveAll(r => r is null) > 0)
        {
            repairs.Add("\"restarts\" held null records; dropped");
        }

        foreach (var restart in state.Restarts)
        {
            restart.FailureKinds ??= [];
            restart.Reason ??= "";
            restart.Outcome ??= "";
            restart.Trigger ??= "";
        }

        return state;
    }

    private static T Repaired<T>(T fresh, string section, List<string> repairs)
    {
        repairs.Add($"\"{section}\" is null; reset to defaults");
        return fresh;
    }

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "State loaded from {Path} ({ModelCount} models)")]
    private static partial void LogLoaded(ILogger logger, string path, int modelCount);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "No state file at {Path}; starting with fresh state")]
    private static partial void LogMissing(ILogger logger, string path);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "State file {Path} is unusable ({Problem}); moved aside to {QuarantinePath}, starting with fresh state")]
    private static partial void LogQuarantined(ILogger logger, string path, string problem, string quarantinePath);

    [LoggerMessage(EventId = 8490, Level = LogLevel.Warning, Message = "State file {Path}: {Repair}")]
    private static partial void LogRepaired(ILogger logger, string path, string repair);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Error, Message = "State file {Path} is unusable ({Problem}) and could not be moved aside; starting with fresh state")]
    private static partial void LogQuarantineFailed(ILogger logger, Exception exception, string path, string problem);
}
