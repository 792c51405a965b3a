using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Guard.Probing;

namespace Guard.OpenClaw.GatewayLog;

/// <summary>
/// Reads one line of the gateway's JSON log (<c>{"0": …, "1": …, "_meta": {…}, "time": …}</c>): the structured failover
/// events (<c>model_fallback_decision</c>, <c>embedded_run_failover_decision</c>, <c>embedded_run_agent_end</c>) and the
/// "All models failed (N): prov/model: error (reason) | …" summary. Anything else is null.
/// </summary>
public static partial class GatewayLogParser
{
    private const int MessageLimit = 300;

    public static GatewayLogEntry? Parse(string line, DateTimeOffset fallbackTime)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Length < 2 || line[0] != '{')
        {
            return null;
        }

        JsonObject? root;
        try
        {
            root = JsonNode.Parse(line) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }

        if (root is null)
        {
            return null;
        }

        var at = Time(root["time"]) ?? Time(root["_meta"]?["date"]) ?? fallbackTime;
        var evidence = new List<GatewayEvidence>();
        var allFailed = false;
        int? failedCount = null;
        foreach (var (key, value) in root)
        {
            if (key is "_meta" or "time")
            {
                continue;
            }

            if (value is JsonObject obj && Str(obj["event"]) is { } name)
            {
                if (FromEvent(name, obj, at) is { } e)
                {
                    evidence.Add(e);
                }
            }
            else if (Str(value) is { } text && AllFailedPattern().Match(text) is { Success: true } match)
            {
                allFailed = true;
                failedCount = int.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
                evidence.AddRange(FromSummary(match.Groups["rest"].Value, at));
            }
        }

        if (root["event"] is JsonValue && Str(root["event"]) is { } topName && FromEvent(topName, root, at) is { } top)
        {
            evidence.Add(top);
        }

        return evidence.Count == 0 && !allFailed ? null : new GatewayLogEntry(at, evidence, allFailed, failedCount);
    }

    private static GatewayEvidence? FromEvent(string name, JsonObject e, DateTimeOffset at)
    {
        switch (name)
        {
            case "embedded_run_agent_end":
                if (!Bool(e["isError"]))
                {
                    return null;
                }

                return Failure(at, Id(e["provider"], e["model"]), Str(e["failoverReason"]), Int(e["httpCode"]) ?? Int(e["status"]),
                    Str(e["rawErrorPreview"]) ?? Str(e["error"]), name);
            case "embedded_run_failover_decision":
                var status = Int(e["status"]) ?? Int(e["httpCode"]);
                var reason = Str(e["failoverReason"]) ?? (Bool(e["timedOut"]) ? "timeout" : null);
                return Failure(at, Id(e["provider"], e["model"]), reason, status, Str(e["decision"]) is { } d ? $"failover: {d}" : null, name);
            case "model_fallback_decision":
                var id = Id(e["candidateProvider"], e["candidateModel"]);
                return Str(e["decision"]) switch
                {
                    "candidate_failed" => Failure(at, id, Str(e["reason"]), Int(e["httpCode"]) ?? Int(e["status"]),
                        Str(e["error"]) ?? Str(e["code"]), name),
                    "candidate_succeeded" when id is not null => new GatewayEvidence(at, id, true, null, null, null, null, EvidenceSource.GatewayLog, name),
                    _ => null, // skipped or cooldown-probed candidates say nothing about the provider right now
                };
            default:
                return null;
        }
    }

    private static IEnumerable<GatewayEvidence> FromSummary(string rest, DateTimeOffset at)
    {
        foreach (var part in rest.Split(" | ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = SummaryPart().Match(part);
            if (!match.Success)
            {
                continue;
            }

            var message = match.Groups["err"].Value.Trim();
            var reason = match.Groups["reason"].Success ? match.Groups["reason"].Value : null;
            var status = StatusInText().Match(message) is { Success: true } s ? int.Parse(s.Groups[1].Value, CultureInfo.InvariantCulture) : (int?)null;
            if (Failure(at, match.Groups["id"].Value, reason, status, message, "all_models_failed") is { } e)
            {
                yield return e;
            }
        }
    }

    private static GatewayEvidence? Failure(DateTimeOffset at, string? modelId, string? reason, int? status, string? message, string name)
    {
        if (modelId is null)
        {
            return null;
        }

        var text = message is { Length: > MessageLimit } ? message[..MessageLimit] : message;
        return new GatewayEvidence(at, modelId, false, OpenClawReasons.Map(reason, status, message), status, reason, text, EvidenceSource.GatewayLog, name);
    }

    private static string? Id(JsonNode? provider, JsonNode? model)
    {
        var p = Str(provider);
        var m = Str(model);
        if (m is null)
        {
            return null;
        }

        return p is null || m.StartsWith(p + "/", StringComparison.Ordinal) ? m : $"{p}/{m}";
    }

    private static string? Str(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s : null;

    private static bool Bool(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    private static int? Int(JsonNode? node)
    {
        if (node is not JsonValue v)
        {
            return null;
        }

        if (v.TryGetValue<double>(out var d))
        {
            return (int)d;
        }

        return v.TryGetValue<string>(out var s) && int.TryParse(s, CultureInfo.InvariantCulture, out var i) ? i : null;
    }

    private static DateTimeOffset? Time(JsonNode? node)
    {
        if (node is not JsonValue v)
        {
            return null;
        }

        if (v.TryGetValue<string>(out var s) && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return at;
        }

        return v.TryGetValue<double>(out var ms) && ms > 0 ? DateTimeOffset.FromUnixTimeMilliseconds((long)ms) : null;
    }

    [GeneratedRegex(@"All models failed \((?<n>\d+)\):\s*(?<rest>.*)$", RegexOptions.Singleline, 1000)]
    private static partial Regex AllFailedPattern();

    [GeneratedRegex(@"^(?<id>[A-Za-z0-9._-]+/\S+?):\s*(?<err>.*?)(?:\s*\((?<reason>[a-z_]+)\))?$", RegexOptions.Singleline, 1000)]
    private static partial Regex SummaryPart();

    [GeneratedRegex(@"\b([45]\d\d)\b", RegexOptions.None, 1000)]
    private static partial Regex StatusInText();
}
