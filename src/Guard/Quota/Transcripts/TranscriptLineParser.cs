using System.Text;
using System.Text.Json;
using Guard.Quota.Ledger;

namespace Guard.Quota.Transcripts;

/// <summary>
/// Reads an OpenClaw (pi-coding-agent) transcript line. Only <c>{"type":"message", "message":{"role":"assistant", …}}</c>
/// entries count: provider and model from <c>message.*</c> (falling back to the entry), usage from
/// <c>message.usage</c> (<c>input, output, cacheRead, cacheWrite, totalTokens, cost.total</c>; OpenAI-style aliases
/// accepted), time from the entry's ISO <c>timestamp</c> or <c>message.timestamp</c> (epoch ms).
/// </summary>
internal static class TranscriptLineParser
{
    private static readonly byte[] AssistantMarker = "\"assistant\""u8.ToArray();

    public enum Result
    {
        /// <summary>A valid line that is not an assistant message (session header, user, tool, custom entries).</summary>
        Ignored,
        Turn,
        Malformed,
    }

    /// <summary>
    /// Cheap checks first: a line must look like a JSON object, and only lines mentioning "assistant" are parsed —
    /// tool output and user text (most of the bytes) are never tokenised.
    /// </summary>
    public static Result Parse(ReadOnlySpan<byte> line, out TranscriptTurn turn)
    {
        turn = default;
        line = line.Trim(" \t\r"u8);
        if (line.IsEmpty)
        {
            return Result.Ignored;
        }

        if (line[0] != (byte)'{' || line[^1] != (byte)'}')
        {
            return Result.Malformed;
        }

        if (line.IndexOf(AssistantMarker) < 0)
        {
            return Result.Ignored;
        }

        try
        {
            return ParseEntry(line, out turn);
        }
        catch (JsonException)
        {
            return Result.Malformed;
        }
        catch (InvalidOperationException)
        {
            return Result.Malformed;
        }
    }

    private static Result ParseEntry(ReadOnlySpan<byte> line, out TranscriptTurn turn)
    {
        turn = default;
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 256 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return Result.Malformed;
        }

        var entry = new Fields();
        var message = new Fields();
        var isMessage = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                isMessage = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("message"u8);
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
            else if (!ReadField(ref reader, ref entry))
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            return Result.Malformed;
        }

        if (!isMessage || !message.IsAssistant)
        {
            return Result.Ignored;
        }

        var provider = message.Provider ?? entry.Provider;
        var model = message.Model ?? entry.Model;
        var at = entry.Timestamp ?? message.Timestamp;
        if (string.IsNullOrEmpty(model) || at is null)
        {
            return Result.Malformed;
        }

        var usage = message.HasUsage ? message.Usage : entry.Usage;
        var failed = message.StopReason is "error" or "aborted" or "timeout";
        var tokens = usage.Tokens > 0 ? usage.Tokens : usage.Input + usage.Output + usage.CacheRead + usage.CacheWrite;
        var sample = new UsageSample(usage.Input, usage.Output, usage.CacheRead, usage.CacheWrite, tokens, failed ? 0 : 1, failed ? 1 : 0, usage.Cost);

        // OpenClaw refs split on the first '/': a model id may itself contain '/' (nvidia/moonshotai/kimi-k2.5).
        var id = string.IsNullOrEmpty(provider) ? model : provider + "/" + model;
        turn = new TranscriptTurn(id, at.Value, sample, failed ? message.ErrorMessage ?? message.StopReason : null);
        return Result.Turn;
    }

    private static void ReadObject(ref Utf8JsonReader reader, ref Fields fields)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!ReadField(ref reader, ref fields))
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    /// <summary>Reads a known property (reader on its name); false leaves the reader on the name for the caller to skip.</summary>
    private static bool ReadField(ref Utf8JsonReader reader, ref Fields fields)
    {
        if (reader.ValueTextEquals("role"u8))
        {
            reader.Read();
            fields.IsAssistant = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("assistant"u8);
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
            fields.StopReason = ReadString(ref reader);
        }
        else if (reader.ValueTextEquals("errorMessage"u8))
        {
            fields.ErrorMessage = ReadString(ref reader);
        }
        else if (reader.ValueTextEquals("timestamp"u8))
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var iso))
            {
                fields.Timestamp = iso;
            }
            else if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var ms) && ms is > 0 and < 253_402_300_799_999)
            {
                fields.Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(ms);
            }
            else
            {
                reader.Skip();
            }
        }
        else if (reader.ValueTextEquals("usage"u8))
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                fields.HasUsage = true;
                ReadUsage(ref reader, ref fields.Usage);
            }
            else
            {
                reader.Skip();
            }
        }
        else
        {
            return false;
        }

        return true;
    }

    private static void ReadUsage(ref Utf8JsonReader reader, ref UsageNumbers usage)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("input"u8) || reader.ValueTextEquals("inputTokens"u8) || reader.ValueTextEquals("prompt_tokens"u8) || reader.ValueTextEquals("input_tokens"u8))
            {
                usage.Input = ReadLong(ref reader);
            }
            else if (reader.ValueTextEquals("output"u8) || reader.ValueTextEquals("outputTokens"u8) || reader.ValueTextEquals("completion_tokens"u8) || reader.ValueTextEquals("output_tokens"u8))
            {
                usage.Output = ReadLong(ref reader);
            }
            else if (reader.ValueTextEquals("cacheRead"u8) || reader.ValueTextEquals("cache_read_input_tokens"u8))
            {
                usage.CacheRead = ReadLong(ref reader);
            }
            else if (reader.ValueTextEquals("cacheWrite"u8) || reader.ValueTextEquals("cache_creation_input_tokens"u8))
            {
                usage.CacheWrite = ReadLong(ref reader);
            }
            else if (reader.ValueTextEquals("totalTokens"u8) || reader.ValueTextEquals("total_tokens"u8))
            {
                usage.Tokens = ReadLong(ref reader);
            }
            else if (reader.ValueTextEquals("cost"u8))
            {
                reader.Read();
                usage.Cost = ReadCost(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static double ReadCost(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.GetDouble();
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
            if (isTotal && reader.TokenType == JsonTokenType.Number)
            {
                total = reader.GetDouble();
            }
            else
            {
                reader.Skip();
            }
        }

        return double.IsFinite(total) ? total : 0;
    }

    private static long ReadLong(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.Number)
        {
            reader.Skip();
            return 0;
        }

        // Some providers report fractional or negative counts in error turns; they never count negative.
        return reader.TryGetInt64(out var value) ? Math.Max(0, value)
            : reader.TryGetDouble(out var real) && double.IsFinite(real) ? (long)Math.Max(0, real) : 0;
    }

    private static string? ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.ValueIsEscaped || reader.HasValueSequence ? reader.GetString() : Encoding.UTF8.GetString(reader.ValueSpan);
        }

        reader.Skip();
        return null;
    }

    private struct Fields
    {
        public bool IsAssistant;
        public string? Provider;
        public string? Model;
        public string? StopReason;
        public string? ErrorMessage;
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
