using Guard.Quota.Ledger;

namespace Guard.Quota.Transcripts;

/// <summary>
/// Reads an OpenClaw (pi-coding-agent) transcript line. Only <c>{"type":"message", "message":{"role":"assistant", …}}</c>
/// entries count: provider and model from <c>message.*</c> (falling back to the entry), usage from
/// <c>message.usage</c> (<c>input, output, cacheRead, cacheWrite, totalTokens, cost.total</c>; OpenAI-style aliases
/// accepted), time from the entry's ISO <c>timestamp</c> or <c>message.timestamp</c> (epoch ms).
/// </summary>
internal static partial class TranscriptLineParser
{
    // Starts with a letter: a needle starting with '"' makes the vectorised search stop at every quote.
    private static readonly byte[] AssistantMarker = "assistant\""u8.ToArray();

    public enum Result
    {
        /// <summary>A valid line that is not an assistant message (session header, user, tool, custom entries).</summary>
        Ignored,
        Turn,
        Malformed,
    }

    /// <summary>
    /// Cheap checks first: a line must look like a JSON object, and only lines mentioning <c>assistant"</c> are walked
    /// (tool output and user text, most of the bytes, never are); values that do not matter are skipped unread.
    /// </summary>
    public static Result Parse(ReadOnlySpan<byte> line, out TranscriptTurn turn) => Parse(line, null, out turn);

    public static Result Parse(ReadOnlySpan<byte> line, ModelIdCache? ids, out TranscriptTurn turn)
    {
        turn = default;

        // Almost every line is a bare object: trimmed only when it is not (a trim is a set search at both ends).
        if (line.IsEmpty || line[0] != (byte)'{' || line[^1] != (byte)'}')
        {
            line = line.Trim(" \t\r"u8);
            if (line.IsEmpty)
            {
                return Result.Ignored;
            }

            if (line[0] != (byte)'{' || line[^1] != (byte)'}')
            {
                return Result.Malformed;
            }
        }

        // OpenClaw's own shape names the role near the start: decided there without looking at the rest of the line.
        switch (TryJump(line, ids, out turn))
        {
            case Jump.NotAssistant:
                return Result.Ignored;
            case Jump.Turn:
                return Result.Turn;
            case Jump.Malformed:
                return Result.Malformed;
        }

        if (line.IndexOf(AssistantMarker) < 0)
        {
            return Result.Ignored;
        }

        return ParseEntry(line, ids, out turn);
    }

    private static Result ParseEntry(ReadOnlySpan<byte> line, ModelIdCache? ids, out TranscriptTurn turn)
    {
        turn = default;
        var scanner = new JsonLineScanner(line);
        var entry = new Fields();
        var message = new Fields();
        if (!ReadObject(ref scanner, ref entry, ref message, isEntry: true))
        {
            return Result.Malformed;
        }

        scanner.SkipWhitespace();
        if (!scanner.AtEnd)
        {
            return Result.Malformed;
        }

        if (!entry.IsMessageEntry || !message.IsAssistant)
        {
            return Result.Ignored;
        }

        return Assemble(ref entry, ref message, ids, out turn);
    }

    /// <summary>The turn from the fields read (message fields win over the entry's).</summary>
    private static Result Assemble(scoped ref Fields entry, scoped ref Fields message, ModelIdCache? ids, out TranscriptTurn turn)
    {
        turn = default;
        var provider = message.Provider.Present ? message.Provider : entry.Provider;
        var model = message.Model.Present ? message.Model : entry.Model;
        var at = entry.Timestamp ?? message.Timestamp;
        if (model.Raw.IsEmpty || at is null)
        {
            return Result.Malformed;
        }

        var usage = message.HasUsage ? message.Usage : entry.Usage;
        var failed = message.StopReason is "error" or "aborted" or "timeout";
        var tokens = usage.Tokens > 0 ? usage.Tokens : usage.Input + usage.Output + usage.CacheRead + usage.CacheWrite;
        var sample = new UsageSample(usage.Input, usage.Output, usage.CacheRead, usage.CacheWrite, tokens, failed ? 0 : 1, failed ? 1 : 0, usage.Cost);

        // OpenClaw refs split on the first '/': a model id may itself contain '/' (nvidia/moonshotai/kimi-k2.5).
        var id = ids is not null && !provider.Escaped && !model.Escaped ? ids.Get(provider.Raw, model.Raw)
            : provider.Raw.IsEmpty ? model.Text() : provider.Text() + "/" + model.Text();
        var error = failed ? (message.ErrorMessage.Present ? message.ErrorMessage.Text() : message.StopReason) : null;
        turn = new TranscriptTurn(id, at.Value, sample, error);
        return Result.Turn;
    }

    /// <summary>Walks an object, reading known keys into <paramref name="fields"/>; the entry's <c>message</c> goes to <paramref name="message"/>.</summary>
    private static bool ReadObject(scoped ref JsonLineScanner scanner, ref Fields fields, ref Fields message, bool isEntry)
    {
        if (!scanner.TryConsume((byte)'{'))
        {
            return false;
        }

        if (scanner.TryConsume((byte)'}'))
        {
            return true;
        }

        do
        {
            if (!scanner.TryReadString(out var key, out _) || !scanner.TryConsume((byte)':'))
            {
                return false;
            }

            scanner.SkipWhitespace();
            bool ok;
            if (isEntry && key.SequenceEqual("message"u8) && scanner.Peek() == (byte)'{')
            {
                var unused = new Fields();
                ok = ReadObject(ref scanner, ref message, ref unused, isEntry: false);
            }
            else if (isEntry && key.SequenceEqual("type"u8) && scanner.Peek() == (byte)'"')
            {
                ok = scanner.TryReadString(out var type, out _);
                fields.IsMessageEntry = ok && type.SequenceEqual("message"u8);
            }
            else
            {
                ok = ReadField(ref scanner, key, ref fields);
            }

            if (!ok)
            {
                return false;
            }
        }
        while (scanner.TryConsume((byte)','));

        return scanner.TryConsume((byte)'}');
    }

    private static bool ReadField(scoped ref JsonLineScanner scanner, ReadOnlySpan<byte> key, ref Fields fields)
    {
        // Lengths of role, model/usage, provider, timestamp, stopReason, errorMessage: anything else is skipped at once.
        if (key.Length is not (4 or 5 or 8 or 9 or 10 or 12))
        {
            return scanner.TrySkipValue();
        }

        if (key.SequenceEqual("role"u8))
        {
            if (scanner.TryReadString(out var role, out _))
            {
                fields.IsAssistant = role.SequenceEqual("assistant"u8);
                return true;
            }

            return scanner.TrySkipValue();
        }

        if (key.SequenceEqual("provider"u8))
        {
            return ReadRaw(ref scanner, out fields.Provider);
        }

        if (key.SequenceEqual("model"u8))
        {
            return ReadRaw(ref scanner, out fields.Model);
        }

        if (key.SequenceEqual("stopReason"u8))
        {
            return ReadStopReason(ref scanner, ref fields);
        }

        if (key.SequenceEqual("errorMessage"u8))
        {
            return ReadRaw(ref scanner, out fields.ErrorMessage);
        }

        if (key.SequenceEqual("timestamp"u8))
        {
            return ReadTimestamp(ref scanner, ref fields);
        }

        if (key.SequenceEqual("usage"u8) && scanner.Peek() == (byte)'{')
        {
            return ReadUsageObject(ref scanner, ref fields);
        }

        return scanner.TrySkipValue();
    }

    // The field readers below are what ReadField dispatches to; the OpenClaw fast path calls them directly, its keys
    // already matched literally.
    private static bool ReadStopReason(scoped ref JsonLineScanner scanner, scoped ref Fields fields)
    {
        if (!ReadRaw(ref scanner, out var stop))
        {
            return false;
        }

        fields.StopReason = stop.Raw.SequenceEqual("error"u8) ? "error" : stop.Raw.SequenceEqual("aborted"u8) ? "aborted"
            : stop.Raw.SequenceEqual("timeout"u8) ? "timeout" : null;
        return true;
    }

    private static bool ReadTimestamp(scoped ref JsonLineScanner scanner, scoped ref Fields fields)
    {
        if (scanner.Peek() == (byte)'"')
        {
            if (!scanner.TryReadString(out var iso, out _))
            {
                return false;
            }

            if (JsonLineScanner.TryParseIso(iso, out var at))
            {
                fields.Timestamp = at;
            }

            return true;
        }

        if (scanner.TryReadLong(out var ms))
        {
            if (ms is > 0 and < 253_402_300_799_999)
            {
                fields.Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(ms);
            }

            return true;
        }

        return scanner.TrySkipValue();
    }

    /// <summary>The <c>usage</c> object; the scanner stands at its opening brace.</summary>
    private static bool ReadUsageObject(scoped ref JsonLineScanner scanner, scoped ref Fields fields)
    {
        fields.HasUsage = true;
        var start = scanner.Position;
        var exact = default(UsageNumbers);
        if (TryReadOpenClawUsage(ref scanner, ref exact))
        {
            fields.Usage = exact;
            return true;
        }

        scanner.Position = start;
        return ReadUsage(ref scanner, ref fields.Usage);
    }

    /// <summary>
    /// The usage object exactly as OpenClaw writes it, matched literally (every key present, in its order, so the
    /// result is what <see cref="ReadUsage"/> would give); false on any difference, and the caller walks it instead.
    /// </summary>
    private static bool TryReadOpenClawUsage(scoped ref JsonLineScanner s, ref UsageNumbers u) =>
        s.TryConsumeLiteral("{\"input\":"u8) && s.TryReadLong(out u.Input)
        && s.TryConsumeLiteral(",\"output\":"u8) && s.TryReadLong(out u.Output)
        && s.TryConsumeLiteral(",\"cacheRead\":"u8) && s.TryReadLong(out u.CacheRead)
        && s.TryConsumeLiteral(",\"cacheWrite\":"u8) && s.TryReadLong(out u.CacheWrite)
        && s.TryConsumeLiteral(",\"totalTokens\":"u8) && s.TryReadLong(out u.Tokens)
        && s.TryConsumeLiteral(",\"cost\":{\"input\":"u8) && s.TrySkipNumber()
        && s.TryConsumeLiteral(",\"output\":"u8) && s.TrySkipNumber()
        && s.TryConsumeLiteral(",\"cacheRead\":"u8) && s.TrySkipNumber()
        && s.TryConsumeLiteral(",\"cacheWrite\":"u8) && s.TrySkipNumber()
        && s.TryConsumeLiteral(",\"total\":"u8) && s.TryReadDouble(out u.Cost)
        && s.TryConsumeLiteral("}}"u8);

    private static bool ReadUsage(scoped ref JsonLineScanner scanner, ref UsageNumbers usage)
    {
        if (!scanner.TryConsume((byte)'{'))
        {
            return false;
        }

        if (scanner.TryConsume((byte)'}'))
        {
            return true;
        }

        do
        {
            if (!scanner.TryReadString(out var key, out _) || !scanner.TryConsume((byte)':'))
            {
                return false;
            }

            scanner.SkipWhitespace();
            // OpenClaw's own names first: most lines match on the first comparison.
            var ok = key switch
            {
                _ when key.SequenceEqual("input"u8) => Number(ref scanner, ref usage.Input),
                _ when key.SequenceEqual("output"u8) => Number(ref scanner, ref usage.Output),
                _ when key.SequenceEqual("cacheRead"u8) => Number(ref scanner, ref usage.CacheRead),
                _ when key.SequenceEqual("cacheWrite"u8) => Number(ref scanner, ref usage.CacheWrite),
                _ when key.SequenceEqual("totalTokens"u8) => Number(ref scanner, ref usage.Tokens),
                _ when key.SequenceEqual("cost"u8) => Cost(ref scanner, ref usage.Cost),
                _ when key.SequenceEqual("inputTokens"u8) || key.SequenceEqual("prompt_tokens"u8) || key.SequenceEqual("input_tokens"u8)
                    => Number(ref scanner, ref usage.Input),
                _ when key.SequenceEqual("outputTokens"u8) || key.SequenceEqual("completion_tokens"u8) || key.SequenceEqual("output_tokens"u8)
                    => Number(ref scanner, ref usage.Output),
                _ when key.SequenceEqual("cache_read_input_tokens"u8) => Number(ref scanner, ref usage.CacheRead),
                _ when key.SequenceEqual("cache_creation_input_tokens"u8) => Number(ref scanner, ref usage.CacheWrite),
                _ when key.SequenceEqual("total_tokens"u8) => Number(ref scanner, ref usage.Tokens),
                _ => scanner.TrySkipValue(),
            };
            if (!ok)
            {
                return false;
            }
        }
        while (scanner.TryConsume((byte)','));

        return scanner.TryConsume((byte)'}');
    }

    /// <summary>A count; a non-number (null, a string) counts as 0 rather than breaking the line.</summary>
    private static bool Number(scoped ref JsonLineScanner scanner, ref long target)
    {
        if (scanner.TryReadLong(out var value))
        {
            target = value;
            return true;
        }

        return scanner.Peek() is (byte)',' or (byte)'}' || scanner.TrySkipValue();
    }

    private static bool Cost(scoped ref JsonLineScanner scanner, ref double total)
    {
        if (scanner.Peek() != (byte)'{')
        {
            if (scanner.TryReadDouble(out var direct))
            {
                total = direct;
                return true;
            }

            return scanner.Peek() is (byte)',' or (byte)'}' || scanner.TrySkipValue();
        }

        scanner.TryConsume((byte)'{');
        if (scanner.TryConsume((byte)'}'))
        {
            return true;
        }

        do
        {
            if (!scanner.TryReadString(out var key, out _) || !scanner.TryConsume((byte)':'))
            {
                return false;
            }

            scanner.SkipWhitespace();
            if (key.SequenceEqual("total"u8) && scanner.TryReadDouble(out var value))
            {
                total = value;
            }
            else if (scanner.Peek() is not ((byte)',' or (byte)'}') && !scanner.TrySkipValue())
            {
                return false;
            }
        }
        while (scanner.TryConsume((byte)','));

        return scanner.TryConsume((byte)'}');
    }

    private static bool ReadRaw(scoped ref JsonLineScanner scanner, out RawString value)
    {
        value = default;
        if (scanner.Peek() == (byte)'"')
        {
            if (!scanner.TryReadString(out var content, out var escaped))
            {
                return false;
            }

            value = new RawString(content, escaped, true);
            return true;
        }

        return scanner.TrySkipValue();
    }

    /// <summary>A string value's undecoded bytes; decoded only when needed.</summary>
    private readonly ref struct RawString(ReadOnlySpan<byte> raw, bool escaped, bool present)
    {
        public ReadOnlySpan<byte> Raw { get; } = raw;

        public bool Escaped { get; } = escaped;

        public bool Present { get; } = present;

        public string Text() => JsonLineScanner.Decode(Raw, Escaped);
    }

    private ref struct Fields
    {
        public bool IsMessageEntry;
        public bool IsAssistant;
        public RawString Provider;
        public RawString Model;
        public string? StopReason;
        public RawString ErrorMessage;
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
