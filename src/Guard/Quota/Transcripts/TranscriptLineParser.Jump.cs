namespace Guard.Quota.Transcripts;

/// <summary>
/// The fast path for the shape OpenClaw writes, <c>{"type":"message",…,"message":{"role":"…","content":[…],…,
/// "usage":{…},…}}</c>: the role is read near the start, so user and tool lines (most of the bytes) are decided
/// without looking further; for an assistant line the content array is never walked. The message's own fields come
/// after its content, so the last <c>,"usage":{</c> of the line is the message's; a short backward walk over the
/// scalar fields before it (api, provider, model) finds where they start, and the scanner reads from there to the end
/// exactly as the full walk would. Anything that does not fit the shape goes to the full walk.
/// </summary>
internal static partial class TranscriptLineParser
{
    /// <summary>How far into a line the entry's <c>message</c> key is looked for.</summary>
    private const int HeadBytes = 512;

    private static readonly byte[] MessageEntryPrefix = "{\"type\":\"message\","u8.ToArray();
    private static readonly byte[] MessageRoleKey = ",\"message\":{\"role\":\""u8.ToArray();
    private static readonly byte[] ContentKey = ",\"content\":["u8.ToArray();
    private static readonly byte[] UsageKey = ",\"usage\":{"u8.ToArray();

    private enum Jump
    {
        /// <summary>Not the expected shape: the full walk decides.</summary>
        OtherShape,
        NotAssistant,
        Turn,
        Malformed,
    }

    private static Jump TryJump(ReadOnlySpan<byte> line, ModelIdCache? ids, out TranscriptTurn turn)
    {
        turn = default;
        if (!line.StartsWith(MessageEntryPrefix))
        {
            return Jump.OtherShape;
        }

        // OpenClaw's head read literally finds the message key without a search; any other head is searched for it.
        var scanner = new JsonLineScanner(line) { Position = MessageEntryPrefix.Length };
        var literalHead = TryReadOpenClawHeadKeys(ref scanner, out var entryTimestamp);
        var key = literalHead ? scanner.Position - MessageRoleKey.Length : Find(line[..Math.Min(line.Length, HeadBytes)], MessageRoleKey, last: false);

        // Nothing nested before it, so the key is the entry's own (and, starting with ',', outside any string).
        if (key < 0 || (!literalHead && line[1..key].IndexOfAny((byte)'{', (byte)'[') >= 0))
        {
            return Jump.OtherShape;
        }

        var roleStart = key + MessageRoleKey.Length;
        if (!line[roleStart..].StartsWith(AssistantMarker))
        {
            // Roles are short: a plain loop to the closing quote beats setting up vectorised searches.
            var end = roleStart;
            while (end < line.Length && line[end] is not ((byte)'"' or (byte)'\\'))
            {
                end++;
            }

            // No closing quote, or an escaped role that might still spell "assistant": the full walk decides.
            return end < line.Length && line[end] == (byte)'"' ? Jump.NotAssistant : Jump.OtherShape;
        }

        var entry = new Fields { IsMessageEntry = true };
        var message = new Fields { IsAssistant = true };
        var messageObject = key + MessageRoleKey.Length - "{\"role\":\""u8.Length;
        if (literalHead)
        {
            // As ReadField reads a string timestamp: an unparseable one leaves the entry without a time.
            if (JsonLineScanner.TryParseIso(entryTimestamp, out var at))
            {
                entry.Timestamp = at;
            }
        }
        else
        {
            scanner.Position = MessageEntryPrefix.Length;
            if (!TryReadOpenClawHead(ref scanner, ref entry, messageObject))
            {
                entry = new Fields { IsMessageEntry = true };
                scanner.Position = MessageEntryPrefix.Length;
                if (!ReadEntryHead(ref scanner, ref entry, messageObject))
                {
                    return Jump.OtherShape;
                }
            }
        }

        var afterRole = roleStart + AssistantMarker.Length; // past the role's closing quote
        var usage = Find(line, UsageKey, last: true);
        if (usage < afterRole)
        {
            return Jump.OtherShape;
        }

        var fieldsStart = OpenClawNamesBefore(line, usage, messageObject, afterRole, ref message);
        var onlyNames = fieldsStart >= 0;
        if (!onlyNames)
        {
            fieldsStart = FieldsBefore(line, usage, messageObject, afterRole, ref message, out onlyNames);
            if (fieldsStart < 0)
            {
                return Jump.OtherShape;
            }
        }

        // Provider and model came from the walk back when nothing else sits before the usage; from the usage to the
        // end of the line is then matched literally in OpenClaw's order. Anything else is walked as the full walk would.
        scanner.Position = usage + 1;
        if (!onlyNames || !TryReadOpenClawTail(ref scanner, ref message))
        {
            message = new Fields { IsAssistant = true };
            scanner.Position = fieldsStart;
            if (!ReadPairs(ref scanner, ref message) || !ReadEntryTail(ref scanner, ref entry))
            {
                return Jump.OtherShape;
            }
        }

        if (!entry.IsMessageEntry)
        {
            return Jump.NotAssistant;
        }

        return Assemble(ref entry, ref message, ids, out turn) == Result.Turn ? Jump.Turn : Jump.Malformed;
    }

    /// <summary>
    /// <c>"id":"…","parentId":…,"timestamp":"…","message":{"role":"</c> exactly as OpenClaw writes them, the timestamp's
    /// content kept unparsed (only assistant lines need it); the scanner then stands at the role's first byte.
    /// </summary>
    private static bool TryReadOpenClawHeadKeys(scoped ref JsonLineScanner s, out ReadOnlySpan<byte> timestamp)
    {
        timestamp = default;
        return s.TryConsumeLiteral("\"id\":"u8) && s.Peek() == (byte)'"' && s.TryReadString(out _, out _)
            && s.TryConsumeLiteral(",\"parentId\":"u8) && (s.TryConsumeLiteral("null"u8) || (s.Peek() == (byte)'"' && s.TryReadString(out _, out _)))
            && s.TryConsumeLiteral(",\"timestamp\":"u8) && s.Peek() == (byte)'"' && s.TryReadString(out timestamp, out _)
            && s.TryConsumeLiteral(MessageRoleKey);
    }

    /// <summary><c>"id":"…","parentId":…,"timestamp":"…",</c> up to <c>"message":</c>, exactly as OpenClaw writes them.</summary>
    private static bool TryReadOpenClawHead(scoped ref JsonLineScanner s, scoped ref Fields entry, int messageObject) =>
        s.TryConsumeLiteral("\"id\":"u8) && s.TryReadString(out _, out _)
        && s.TryConsumeLiteral(",\"parentId\":"u8) && (s.TryConsumeLiteral("null"u8) || s.TryReadString(out _, out _))
        && s.TryConsumeLiteral(",\"timestamp\":"u8) && ReadTimestamp(ref s, ref entry)
        && s.TryConsumeLiteral(",\"message\":"u8) && s.Position == messageObject;

    /// <summary>
    /// <c>"usage":{…},"stopReason":…[,"errorMessage":…],"timestamp":…}}</c> to the end of the line, exactly as OpenClaw
    /// writes an assistant message; false on any difference.
    /// </summary>
    private static bool TryReadOpenClawTail(scoped ref JsonLineScanner s, scoped ref Fields message) =>
        s.TryConsumeLiteral("\"usage\":"u8) && s.Peek() == (byte)'{' && ReadUsageObject(ref s, ref message)
        && s.TryConsumeLiteral(",\"stopReason\":"u8) && ReadStopReason(ref s, ref message)
        && (!s.TryConsumeLiteral(",\"errorMessage\":"u8) || ReadRaw(ref s, out message.ErrorMessage))
        && s.TryConsumeLiteral(",\"timestamp\":"u8) && ReadTimestamp(ref s, ref message)
        && s.TryConsumeLiteral("}}"u8) && s.AtEnd;

    /// <summary>The entry's fields after its type and before <c>"message":</c> (id, parentId, timestamp): short scalars.</summary>
    private static bool ReadEntryHead(scoped ref JsonLineScanner scanner, scoped ref Fields entry, int messageObject)
    {
        while (scanner.Position < messageObject)
        {
            if (!scanner.TryReadString(out var name, out _) || !scanner.TryConsume((byte)':'))
            {
                return false;
            }

            scanner.SkipWhitespace();
            if (name.SequenceEqual("message"u8))
            {
                return scanner.Position == messageObject;
            }

            bool ok;
            if (name.SequenceEqual("type"u8) && scanner.Peek() == (byte)'"')
            {
                ok = scanner.TryReadString(out var type, out _);
                entry.IsMessageEntry = ok && type.SequenceEqual("message"u8);
            }
            else
            {
                ok = ReadField(ref scanner, name, ref entry);
            }

            if (!ok || !scanner.TryConsume((byte)','))
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>Fields until the object's closing brace; the scanner stands at the first key.</summary>
    private static bool ReadPairs(scoped ref JsonLineScanner scanner, scoped ref Fields fields)
    {
        do
        {
            if (!scanner.TryReadString(out var name, out _) || !scanner.TryConsume((byte)':'))
            {
                return false;
            }

            scanner.SkipWhitespace();
            if (!ReadField(ref scanner, name, ref fields))
            {
                return false;
            }
        }
        while (scanner.TryConsume((byte)','));

        return scanner.TryConsume((byte)'}');
    }

    /// <summary>Entry fields after the message, then the entry's closing brace and the end of the line.</summary>
    private static bool ReadEntryTail(scoped ref JsonLineScanner scanner, scoped ref Fields entry)
    {
        while (scanner.TryConsume((byte)','))
        {
            if (!scanner.TryReadString(out var name, out _) || !scanner.TryConsume((byte)':'))
            {
                return false;
            }

            scanner.SkipWhitespace();
            if (!ReadField(ref scanner, name, ref entry))
            {
                return false;
            }
        }

        if (!scanner.TryConsume((byte)'}'))
        {
            return false;
        }

        scanner.SkipWhitespace();
        return scanner.AtEnd;
    }

    /// <summary>
    /// <c>],"api":"…","provider":"…","model":"…"</c> right before the comma before <c>"usage"</c>, exactly as OpenClaw
    /// writes them and without escapes: what <see cref="FieldsBefore"/> finds for that shape, matched literally.
    /// Returns where the api key starts, or -1 (nothing set) for the general walk back.
    /// </summary>
    private static int OpenClawNamesBefore(ReadOnlySpan<byte> line, int comma, int messageObject, int afterRole, scoped ref Fields message)
    {
        if (!StringBefore(line, comma, ",\"model\":\""u8, messageObject, out var model, out var at)
            || !StringBefore(line, at, ",\"provider\":\""u8, messageObject, out var provider, out at)
            || !StringBefore(line, at, ",\"api\":\""u8, messageObject, out _, out at)
            || line[at - 1] != (byte)']' || !line[afterRole..].StartsWith(ContentKey))
        {
            return -1;
        }

        message.Provider = new RawString(provider, false, true);
        message.Model = new RawString(model, false, true);
        return at + 1;
    }

    /// <summary>
    /// A string value that ends just before <paramref name="end"/> (a comma) with <paramref name="key"/>
    /// (<c>,"name":"</c>) right before it and no quote or backslash inside; <paramref name="keyComma"/> is the key's comma.
    /// </summary>
    private static bool StringBefore(
        ReadOnlySpan<byte> line, int end, ReadOnlySpan<byte> key, int floor, out ReadOnlySpan<byte> value, out int keyComma)
    {
        value = default;
        keyComma = -1;
        var close = end - 1;
        if (close <= floor || line[close] != (byte)'"')
        {
            return false;
        }

        // Names are short: one vectorised look at the 32 bytes before the closing quote finds the opening one.
        var window = Math.Min(32, close - floor - 1);
        var open = window <= 0 ? -1 : line.Slice(close - window, window).LastIndexOfAny((byte)'"', (byte)'\\');
        open = open < 0 ? -1 : close - window + open;
        var start = open + 1 - key.Length;
        if (open < 0 || line[open] != (byte)'"' || start <= floor || !line[start..(open + 1)].SequenceEqual(key))
        {
            return false;
        }

        value = line[(open + 1)..close];
        keyComma = start;
        return true;
    }

    /// <summary>
    /// Walks back from the comma before <c>"usage"</c> over <c>"key":scalar</c> pairs and returns where the first of
    /// them starts: just after the content array (<c>],</c>, the message must then start with <c>"role":…,"content":[</c>)
    /// or just after the message's opening brace. -1 when anything else is met.
    /// </summary>
    private static int FieldsBefore(
        ReadOnlySpan<byte> line, int comma, int messageObject, int afterRole, scoped ref Fields message, out bool onlyNames)
    {
        // Keys met on the way: api, provider and model (kept, the later of duplicates winning) and role are "names";
        // any other key means the fields must be walked forward from the start found.
        onlyNames = true;
        while (true)
        {
            var end = comma - 1;
            if (end <= messageObject)
            {
                return -1;
            }

            var last = line[end];
            if (last == (byte)']')
            {
                return line[afterRole..].StartsWith(ContentKey) ? comma + 1 : -1;
            }

            int valueStart;
            if (last == (byte)'"')
            {
                valueStart = OpeningQuote(line, end);
            }
            else
            {
                valueStart = end;
                while (valueStart > messageObject && IsScalarByte(line[valueStart]))
                {
                    valueStart--;
                }

                valueStart = valueStart == end ? -1 : valueStart + 1;
            }

            var colon = valueStart - 1;
            if (valueStart <= messageObject || line[colon] != (byte)':' || line[colon - 1] != (byte)'"')
            {
                return -1;
            }

            var keyStart = OpeningQuote(line, colon - 1);
            if (keyStart <= messageObject)
            {
                return -1;
            }

            var name = line[(keyStart + 1)..(colon - 1)];
            var isString = last == (byte)'"';
            if (name.SequenceEqual("provider"u8) && isString)
            {
                message.Provider = message.Provider.Present ? message.Provider : Raw(line[(valueStart + 1)..end]);
            }
            else if (name.SequenceEqual("model"u8) && isString)
            {
                message.Model = message.Model.Present ? message.Model : Raw(line[(valueStart + 1)..end]);
            }
            else if (!name.SequenceEqual("api"u8) && !name.SequenceEqual("role"u8))
            {
                onlyNames = false;
            }

            var before = line[keyStart - 1];
            if (before == (byte)'{')
            {
                return keyStart - 1 == messageObject ? keyStart : -1;
            }

            if (before != (byte)',')
            {
                return -1;
            }

            comma = keyStart - 1;
        }
    }

    /// <summary>
    /// <paramref name="needle"/> (which starts with <c>,"</c>) in <paramref name="span"/>: searched from its third byte,
    /// because the vectorised search anchors on a needle's first byte and JSON is full of commas and quotes.
    /// </summary>
    private static int Find(ReadOnlySpan<byte> span, ReadOnlySpan<byte> needle, bool last)
    {
        var rest = needle[2..];
        var end = span.Length;
        var start = 2;
        while (true)
        {
            var window = span[start..end];
            var at = last ? window.LastIndexOf(rest) : window.IndexOf(rest);
            if (at < 0)
            {
                return -1;
            }

            at += start;
            if (span[at - 2] == needle[0] && span[at - 1] == needle[1])
            {
                return at - 2;
            }

            if (last)
            {
                end = at + rest.Length - 1;
            }
            else
            {
                start = at + 1;
            }
        }
    }

    private static RawString Raw(ReadOnlySpan<byte> content) => new(content, content.Contains((byte)'\\'), true);

    /// <summary>The quote opening the string that <paramref name="closing"/> ends: the nearest one before it not escaped.</summary>
    private static int OpeningQuote(ReadOnlySpan<byte> line, int closing)
    {
        var at = closing;
        while (true)
        {
            // Keys and these values are short: a plain backward loop beats setting up a vectorised search.
            var stop = Math.Max(0, at - 32);
            do
            {
                at--;
            }
            while (at >= stop && line[at] != (byte)'"');

            if (at < stop)
            {
                at = line[..stop].LastIndexOf((byte)'"');
            }

            if (at < 0)
            {
                return -1;
            }

            var slashes = 0;
            while (at - 1 - slashes >= 0 && line[at - 1 - slashes] == (byte)'\\')
            {
                slashes++;
            }

            if (slashes % 2 == 0)
            {
                return at;
            }
        }
    }

    private static bool IsScalarByte(byte b) =>
        b is (>= (byte)'0' and <= (byte)'9') or (>= (byte)'a' and <= (byte)'z') or (byte)'.' or (byte)'-' or (byte)'+' or (byte)'E';
}
