using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Guard.Probing;

namespace Guard.OpenClaw.GatewayLog;

/// <summary>
/// Reads one line of the gateway's JSON log (<c>{"0": …, "1": …, "_meta": {…}, "time": …}</c>; each numbered part is an
/// event object or text). Structured events: <c>model_fallback_decision</c> (error text in <c>errorPreview</c> from
/// 2026.9), <c>embedded_run_failover_decision</c>, <c>embedded_run_agent_end</c>, <c>model_fallback_chain_stopped</c>,
/// <c>auth_profile_failure_state_updated</c>. Text lines: <c>[model-fetch] response … status=</c> and
/// <c>[model-fetch] error … message=</c>, <c>transient same-model retry … reason=</c>, the idle-timeout circuit breaker,
/// <c>[agent] run … ended with stopReason=</c>, "Request failed after repeated internal retries" and the
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
        var entry = new Builder(at);
        foreach (var (key, value) in root)
        {
            if (key is "_meta" or "time" or "message")
            {
                continue; // "message" repeats one of the numbered parts
            }

            if (value is JsonObject obj && Str(obj["event"]) is { } name)
            {
                entry.Event(name, obj);
            }
            else if (Str(value) is { } text)
            {
                entry.Text(text);
            }
        }

        if (root["event"] is JsonValue && Str(root["event"]) is { } topName)
        {
            entry.Event(topName, root);
        }

        return entry.Build();
    }

    /// <summary>Collects what one line says; one line may carry an event object and a text part.</summary>
    private sealed class Builder(DateTimeOffset at)
    {
        private readonly List<GatewayEvidence> _evidence = [];
        private readonly List<ProviderCooldown> _cooldowns = [];
        private bool _allFailed;
        private int? _failedCount;
        private string? _chainStopped;

        public void Event(string name, JsonObject e)
        {
            var runId = Str(e["runId"]);
            switch (name)
            {
                case "embedded_run_agent_end":
                    var id = Id(e["provider"], e["model"]);
                    if (!Bool(e["isError"]))
                    {
                        AddServed(id, name, runId);
                        return;
                    }

                    var preview = Str(e["rawErrorPreview"]);
                    AddFailure(id, Str(e["failoverReason"]), Int(e["httpCode"]) ?? Int(e["status"]) ?? LeadingStatus(preview), preview ?? Str(e["error"]), name, runId);
                    return;
                case "embedded_run_failover_decision":
                    var reason = Str(e["failoverReason"]) ?? (Bool(e["timedOut"]) ? "timeout" : null);
                    AddFailure(Id(e["provider"], e["model"]), reason, Int(e["status"]) ?? Int(e["httpCode"]),
                        Str(e["rawErrorPreview"]) ?? (Str(e["decision"]) is { } d ? $"failover: {d}" : null), name, runId);
                    return;
                case "model_fallback_decision":
                    var candidate = Id(e["candidateProvider"], e["candidateModel"]);
                    switch (Str(e["decision"]))
                    {
                        case "candidate_failed":
                            AddFailure(candidate, Str(e["reason"]), Int(e["httpCode"]) ?? Int(e["status"]),
                                Str(e["errorPreview"]) ?? Str(e["error"]) ?? Str(e["code"]), name, runId);
                            break;
                        case "candidate_succeeded":
                            AddServed(candidate, name, runId);
                            break;
                    }

                    return; // skipped or cooldown-probed candidates say nothing about the provider right now
                case "model_fallback_chain_stopped":
                    var stoppedReason = Str(e["reason"]) ?? "chain stopped";
                    _chainStopped = stoppedReason;
                    if (stoppedReason.Contains("idle_timeout", StringComparison.Ordinal))
                    {
                        AddFailure(Id(e["candidateProvider"], e["candidateModel"]), "timeout", null,
                            $"the gateway stopped the fallback chain: {stoppedReason}", name, runId);
                    }

                    return;
                case "auth_profile_failure_state_updated":
                    var until = AuthUntil(e["disabledUntil"]) ?? AuthUntil(e["cooldownUntil"]);
                    if (Str(e["provider"]) is { } provider && until is { } u)
                    {
                        _cooldowns.Add(new ProviderCooldown(at, provider, Str(e["disabledReason"]) ?? Str(e["reason"]), u,
                            Str(e["windowType"]) ?? (e["disabledUntil"] is null ? "cooldown" : "disabled")));
                    }

                    return;
            }
        }

        public void Text(string text)
        {
            if (AllFailedPattern().Match(text) is { Success: true } all)
            {
                _allFailed = true;
                _failedCount = int.Parse(all.Groups["n"].Value, CultureInfo.InvariantCulture);
                foreach (var part in SummaryParts(all.Groups["rest"].Value))
                {
                    if (SummaryPart().Match(part) is { Success: true } match)
                    {
                        var message = match.Groups["err"].Value.Trim();
                        var status = StatusInText().Match(message) is { Success: true } s ? int.Parse(s.Groups[1].Value, CultureInfo.InvariantCulture) : (int?)null;
                        AddFailure(match.Groups["id"].Value, match.Groups["reason"].Success ? match.Groups["reason"].Value : null, status, message, "all_models_failed", null);
                    }
                }

                return;
            }

            if (ModelFetchResponse().Match(text) is { Success: true } response)
            {
                var status = int.Parse(response.Groups["status"].Value, CultureInfo.InvariantCulture);
                if (status >= 400)
                {
                    AddFailure(Id(response.Groups["p"].Value, response.Groups["m"].Value), null, status, $"HTTP {status}", "model-fetch", null);
                }

                return;
            }

            if (ModelFetchError().Match(text) is { Success: true } error)
            {
                var message = error.Groups["msg"].Value.Trim();
                var reason = message.Contains("idle timeout", StringComparison.OrdinalIgnoreCase) || message.Contains("timed out", StringComparison.OrdinalIgnoreCase)
                    ? "timeout"
                    : null;
                AddFailure(Id(error.Groups["p"].Value, error.Groups["m"].Value), reason, null,
                    $"{message}{(error.Groups["cause"].Success ? $" ({error.Groups["cause"].Value})" : "")}", "model-fetch", null);
                return;
            }

            if (SameModelRetry().Match(text) is { Success: true } retry)
            {
                AddFailure(retry.Groups["id"].Value, retry.Groups["reason"].Value, null, $"same-model retry ({retry.Groups["reason"].Value})", "same-model-retry", null);
                return;
            }

            if (IdleBreaker().Match(text) is { Success: true } breaker)
            {
                _chainStopped = "idle_timeout_circuit_breaker";
                AddFailure(breaker.Groups["id"].Value, "timeout", null, "idle-timeout circuit breaker tripped", "idle-timeout-circuit-breaker", null);
                return;
            }

            if (RunEnded().Match(text) is { Success: true } ended && ended.Groups["reason"].Value is "stop" or "length" or "toolUse")
            {
                // A served turn; the line names no model, so it is proof of serving for the chain only.
                _evidence.Add(new GatewayEvidence(at, GatewayEvidence.AnyModel, true, null, null, null, null, EvidenceSource.GatewayLog, "agent_run_ended")
                {
                    RunId = ended.Groups["run"].Value,
                });
                return;
            }

            if (text.StartsWith("Request failed after repeated internal retries", StringComparison.Ordinal))
            {
                _chainStopped ??= "request failed after repeated internal retries";
            }
        }

        public GatewayLogEntry? Build() =>
            _evidence.Count == 0 && !_allFailed && _chainStopped is null && _cooldowns.Count == 0
                ? null
                : new GatewayLogEntry(at, _evidence, _allFailed, _failedCount) { ChainStopped = _chainStopped, Cooldowns = _cooldowns };

        private void AddServed(string? modelId, string name, string? runId)
        {
            if (modelId is not null)
            {
                _evidence.Add(new GatewayEvidence(at, modelId, true, null, null, null, null, EvidenceSource.GatewayLog, name) { RunId = runId });
            }
        }

        private void AddFailure(string? modelId, string? reason, int? status, string? message, string name, string? runId)
        {
            if (modelId is null)
            {
                return;
            }

            var text = message is { Length: > MessageLimit } ? message[..MessageLimit] : message;
            var skipped = OpenClawReasons.IsCooldownSkip(message);
            _evidence.Add(new GatewayEvidence(at, modelId, false, OpenClawReasons.Map(reason, status, message), status, reason, text, EvidenceSource.GatewayLog, name)
            {
                RunId = runId,
                CooldownSkip = skipped,
            });
        }
    }

    /// <summary>
    /// The " | "-joined parts of an "All models failed" line. OpenClaw cuts long parts short and then the next model's
    /// text runs on in the same part (seen on 2026.2.12: a 403 read as the 429 that followed it), so a part also ends
    /// where the next "provider/model: " begins.
    /// </summary>
    private static IEnumerable<string> SummaryParts(string rest)
    {
        foreach (var joined in rest.Split(" | ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var start = 0;
            foreach (Match next in NextSummaryPart().Matches(joined))
            {
                yield return joined[start..next.Index].Trim();
                start = next.Index;
            }

            yield return joined[start..].Trim();
        }
    }

    private static string? Id(JsonNode? provider, JsonNode? model) => Id(Str(provider), Str(model));

    private static string? Id(string? p, string? m)
    {
        if (string.IsNullOrWhiteSpace(m))
        {
            return null;
        }

        return string.IsNullOrWhiteSpace(p) || m.StartsWith(p + "/", StringComparison.Ordinal) ? m : $"{p}/{m}";
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

    /// <summary>2026.9's previews start with the provider's HTTP status ("429 You exceeded your current quota…").</summary>
    private static int? LeadingStatus(string? preview) =>
        preview is { Length: > 4 } && preview[3] == ' ' && int.TryParse(preview.AsSpan(0, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var status)
            && status is >= 400 and < 600 ? status : null;

    private static DateTimeOffset? AuthUntil(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<double>(out var ms) && ms > 0 ? DateTimeOffset.FromUnixTimeMilliseconds((long)ms) : null;

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

    /// <summary>A model id after whitespace inside a part: where a cut-short part's successor begins.</summary>
    [GeneratedRegex(@"(?<=\s)[A-Za-z0-9._-]+/[^\s:]+:\s", RegexOptions.None, 1000)]
    private static partial Regex NextSummaryPart();

    [GeneratedRegex(@"\b([45]\d\d)\b", RegexOptions.None, 1000)]
    private static partial Regex StatusInText();

    [GeneratedRegex(@"^\[model-fetch\] response provider=(?<p>\S+) api=\S+ model=(?<m>\S+) status=(?<status>\d{3})\b", RegexOptions.None, 1000)]
    private static partial Regex ModelFetchResponse();

    [GeneratedRegex(@"^\[model-fetch\] error provider=(?<p>\S+) api=\S+ model=(?<m>\S+) .*?(?:causeCode=(?<cause>(?!undefined)\S+) .*?)?message=(?<msg>.*)$", RegexOptions.Singleline, 1000)]
    private static partial Regex ModelFetchError();

    [GeneratedRegex(@"^transient same-model retry \d+/\d+ for (?<id>\S+/\S+) reason=(?<reason>[a-z_]+)", RegexOptions.None, 1000)]
    private static partial Regex SameModelRetry();

    [GeneratedRegex(@"^\[idle-timeout-circuit-breaker-tripped\] .*?provider=(?<id>\S+/\S+)", RegexOptions.None, 1000)]
    private static partial Regex IdleBreaker();

    [GeneratedRegex(@"^\[agent\] run (?<run>\S+) ended with stopReason=(?<reason>[A-Za-z_]+)", RegexOptions.None, 1000)]
    private static partial Regex RunEnded();
}
