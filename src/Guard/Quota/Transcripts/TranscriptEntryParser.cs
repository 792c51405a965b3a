using System.Text;
using System.Text.Json;
using Guard.Quota.Ledger;

namespace Guard.Quota.Transcripts;

/// <summary>
/// Reads one OpenClaw (pi-coding-agent) transcript entry — a JSONL line of the older releases, or one
/// <c>transcript_events</c> row of today's — with <see cref="Utf8JsonReader"/>. Every entry is read whole, so a broken
/// one is always reported as malformed, never passed over. Only <c>{"type":"message", "message":{"role":"assistant", …}}</c>
/// entries count: provider and model from <c>message.*</c> (falling back to the entry), usage from <c>message.usage</c>
/// (<c>input, output, cacheRead, cacheWrite, totalTokens, cost.total</c>; OpenAI-style aliases accepted), time from
/// the entry's <c>timestamp</c> (ISO or epoch ms) or else <c>message.timestamp</c>.
/// </summary>
internal static class TranscriptEntryParser
{
    public enum Result
    {
        /// <summary>A valid entry that is not an assistant message (session header, user, tool, custom entries).</summary>
        Ignored,
        Turn,
        Malformed,
    }

    private static readonly JsonReaderOptions Options = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 256 };

    public static Result Parse(ReadOnlySpan<byte> json, out TranscriptTurn turn) => Parse(json, null, out turn);

    public static Result Parse(ReadOnlySpan<byte> json, ModelIdCache? ids, out TranscriptTurn turn)
    {
        turn = default;
        json = json.Trim(" \t\r\n"u8);
        if (json.IsEmpty)
        {
            return Result.Ignored;
        }

        try
        {
            var reader = new Utf8JsonReader(json, Options);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return Result.Malformed;
            }

            var entry = default(Fields);
            var message = default(Fields);
            var isMessageEntry = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    isMessageEntry = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("message"u8);
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("message"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        ReadObject(ref reader, ref message);
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
                else
                {
                    ReadField(ref reader, ref entry);
                }
            }

            // The root object closed; anything after it but whitespace makes the reader throw.
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return Result.Malformed;
            }

            return isMessageEntry && message.IsAssistant ? Assemble(ref entry, ref message, ids, out turn) : Result.Ignored;
        }
        catch (JsonException)
        {
            return Result.Malformed;
        }
        catch (InvalidOperationException)
        {
            // A token read as the wrong type (a string where a number belongs): the reader's own verdict on bad input.
            return Result.Malformed;
        }
    }

    /// <summary>The turn from the fields read (message fields win over the entry's).</summary>
    private static Result Assemble(scoped ref Fields entry, scoped ref Fields message, ModelIdCache? ids, out TranscriptTurn turn)
    {
        turn = default;
        var provider = message.Provider.Present ? message.Provider : entry.Provider;
        var model = message.Model.Present ? message.Model : entry.Model;
        var at = entry.Timestamp ?? message.Timestamp;
        if (!model.Present || model.IsEmpty || at is null)
        {
            return Result.Malformed;
        }

        var usage = message.HasUsage ? message.Usage : entry.Usage;
        var failed = message.StopReason is "error" or "aborted" or "timeout";
        var tokens = usage.Tokens > 0 ? usage.Tokens : usage.Input + usage.Output + usage.CacheRead + usage.CacheWrite;
        var sample = new UsageSample(usage.Input, usage.Output, usage.CacheRead, usage.CacheWrite, tokens, failed ? 0 : 1, failed ? 1 : 0, usage.Cost);

        // OpenClaw refs split on the first '/': a model id may itself contain '/' (nvidia/moonshotai/kimi-k2.5).
        var id = ids is not null && provider.Raw is not null && model.Raw is not null ? ids.Get(provider.Raw, model.Raw)
            : provider.IsEmpty ? model.Text : provider.Text + "/" + model.Text;
        var error = failed ? (message.ErrorMessage.Present && !message.ErrorMessage.IsEmpty ? message.ErrorMessage.Text : message.StopReason) : null;
        turn = new TranscriptTurn(id, at.Value, sample, error);
        return Result.Turn;
    }

    /// <summary>Reads the known keys of an object the reader stands at (its start) to its end.</summary>
    private static void ReadObject(ref Utf8JsonReader reader, ref Fields fields)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            ReadField(ref reader, ref fields);
        }
    }

    /// <summary>The reader stands at a property name; leaves it at the end of that property's value.</summary>
    private static void ReadField(ref Utf8JsonReader reader, ref Fields fields)
    {
        if (reader.ValueTextEquals("role"u8))
        {
            reader.Read();
            fields.IsAssistant = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("assistant"u8);
            reader.Skip();
        }
        else if (reader.ValueTextEquals("provider"u8))
        {
            fields.Provider = ReadString(ref reader);
        }
        else if (reader.ValueTextEquals("model"u8))
        {
            fields.Model = ReadString(ref reader);
        }
        else if (reader.ValueTextEquals("stopReason"u8))
        {
            reader.Read();
            fields.StopReason = reader.TokenType != JsonTokenType.String ? null
                : reader.ValueTextEquals("error"u8) ? "error" : reader.ValueTextEquals("aborted"u8) ? "aborted" : reader.ValueTextEquals("timeout"u8) ? "timeout" : null;
            reader.Skip();
        }
        else if (reader.ValueTextEquals("errorMessage"u8))
        {
            fields.ErrorMessage = ReadString(ref reader);
        }
        else if (reader.ValueTextEquals("timestamp"u8))
        {
            reader.Read();
            fields.Timestamp = Timestamp(ref reader);
            reader.Skip();
        }
        else if (reader.ValueTextEquals("usage"u8))
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                fields.HasUsage = true;
                fields.Usage = ReadUsage(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }
        else
        {
            reader.Read();
            reader.Skip();
        }
    }

    private static DateTimeOffset? Timestamp(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.TryGetDateTimeOffset(out var at) ? at.ToUniversalTime() : null;
        }

        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var ms) && ms is > 0 and < 253_402_300_799_999)
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(ms);
        }

        return null;
    }

    /// <summary>The <c>usage</c> object; the reader stands at its start and is left at its end.</summary>
    private static UsageNumbers ReadUsage(ref Utf8JsonReader reader)
    {
        var usage = default(UsageNumbers);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("input"u8) || reader.ValueTextEquals("inputTokens"u8) || reader.ValueTextEquals("prompt_tokens"u8) || reader.ValueTextEquals("input_tokens"u8))
            {
                usage.Input = Count(ref reader);
            }
            else if (reader.ValueTextEquals("output"u8) || reader.ValueTextEquals("outputTokens"u8) || reader.ValueTextEquals("completion_tokens"u8) || reader.ValueTextEquals("output_tokens"u8))
            {
                usage.Output = Count(ref reader);
            }
            else if (reader.ValueTextEquals("cacheRead"u8) || reader.ValueTextEquals("cache_read_input_tokens"u8))
            {
                usage.CacheRead = Count(ref reader);
            }
            else if (reader.ValueTextEquals("cacheWrite"u8) || reader.ValueTextEquals("cache_creation_input_tokens"u8))
            {
                usage.CacheWrite = Count(ref reader);
            }
            else if (reader.ValueTextEquals("totalTokens"u8) || reader.ValueTextEquals("total_tokens"u8))
            {
                usage.Tokens = Count(ref reader);
            }
            else if (reader.ValueTextEquals("cost"u8))
            {
                usage.Cost = Cost(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return usage;
    }

    /// <summary>A token count: fractions truncated, negatives and non-numbers (null, a string) as 0.</summary>
    private static long Count(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.Number)
        {
            reader.Skip();
            return 0;
        }

        if (reader.TryGetInt64(out var whole))
        {
            return Math.Max(0, whole);
        }

        return reader.TryGetDouble(out var real) && double.IsFinite(real) ? (long)Math.Clamp(real, 0, long.MaxValue) : 0;
    }

    /// <summary><c>cost</c> as a number or as <c>{…, total}</c>.</summary>
    private static double Cost(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.TryGetDouble(out var direct) && double.IsFinite(direct) ? direct : 0;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return 0;
        }

        double total = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isTotal = reader.ValueTextEquals("total"u8);
            reader.Read();
            if (isTotal && reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var value) && double.IsFinite(value))
            {
                total = value;
            }

            reader.Skip();
        }

        return total;
    }

    private static JsonText ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return default;
        }

        // Unescaped bytes go to the id cache as they are (no allocation per turn); escaped ones are decoded once.
        return reader.ValueIsEscaped || reader.HasValueSequence
            ? new JsonText(null, reader.GetString() ?? "", true)
            : new JsonText(reader.ValueSpan.ToArray(), null, true);
    }

    /// <summary>A string value: its raw bytes when unescaped (for the id cache), else its decoded text.</summary>
    private readonly struct JsonText(byte[]? raw, string? decoded, bool present)
    {
        public byte[]? Raw { get; } = raw;

        public bool Present { get; } = present;

        public bool IsEmpty => Raw is { Length: 0 } || (Raw is null && string.IsNullOrEmpty(decoded));

        public string Text => decoded ?? (Raw is null ? "" : Encoding.UTF8.GetString(Raw));
    }

    private struct Fields
    {
        public bool IsAssistant;
        public JsonText Provider;
        public JsonText Model;
        public string? StopReason;
        public JsonText ErrorMessage;
        public DateTimeOffset? Timestamp;
        public bool HasUsage;
        public UsageNumbers Usage;
    }

    private struct UsageNumbers
    {
        public long Input;
        public long Output;
        public long CacheRead;
        public long CacheWrite;
        public long Tokens;
        public double Cost;
    }
}
