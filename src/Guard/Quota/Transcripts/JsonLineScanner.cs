using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace Guard.Quota.Transcripts;

/// <summary>
/// A forward-only scanner over one JSON line that reads the few values the quota watch needs and skips everything
/// else with vectorised searches: a 1 KB thinking text is one search, not a thousand tokenizer steps. Not a
/// validator; it checks the structure it walks and reports anything it cannot walk as malformed.
/// </summary>
internal ref struct JsonLineScanner(ReadOnlySpan<byte> json)
{
    private static readonly Set Structural = new("\"{}[]"u8);
    private static readonly Set ScalarEnd = new(",}] \t\r\n"u8);

    private readonly ReadOnlySpan<byte> _json = json;
    private int _position;

    public readonly bool AtEnd => _position >= _json.Length;

    /// <summary>Where the scanner stands; set it only to a structural position (a jump found by a search).</summary>
    public int Position
    {
        readonly get => _position;
        set => _position = value;
    }

    public void SkipWhitespace()
    {
        while (_position < _json.Length && _json[_position] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            _position++;
        }
    }

    /// <summary>Consumes <paramref name="c"/> (after whitespace); false when the next byte is something else.</summary>
    public bool TryConsume(byte c)
    {
        SkipWhitespace();
        if (_position < _json.Length && _json[_position] == c)
        {
            _position++;
            return true;
        }

        return false;
    }

    public readonly byte Peek() => _position < _json.Length ? _json[_position] : (byte)0;

    /// <summary>Consumes <paramref name="literal"/> when the next bytes are exactly it (no whitespace skipped).</summary>
    public bool TryConsumeLiteral(ReadOnlySpan<byte> literal)
    {
        if (!_json[_position..].StartsWith(literal))
        {
            return false;
        }

        _position += literal.Length;
        return true;
    }

    /// <summary>Reads a string token; <paramref name="content"/> is the raw bytes between the quotes (escapes not decoded).</summary>
    public bool TryReadString(out ReadOnlySpan<byte> content, out bool escaped)
    {
        content = default;
        escaped = false;
        SkipWhitespace();
        if (Peek() != (byte)'"')
        {
            return false;
        }

        var start = _position + 1;
        var at = start;
        while (true)
        {
            var next = FindQuoteOrBackslash(_json[at..]);
            if (next < 0)
            {
                return false;
            }

            at += next;
            if (_json[at] == (byte)'"')
            {
                content = _json[start..at];
                _position = at + 1;
                return true;
            }

            escaped = true;
            at += 2;
            if (at > _json.Length)
            {
                return false;
            }
        }
    }

    /// <summary>Skips one value of any kind.</summary>
    public bool TrySkipValue()
    {
        SkipWhitespace();
        switch (Peek())
        {
            case (byte)'"':
                return TryReadString(out _, out _);
            case (byte)'{' or (byte)'[':
                return TrySkipContainer();
            case 0:
                return false;
            default:
                var end = Find(_json[_position..], ScalarEnd);
                _position = end < 0 ? _json.Length : _position + end;
                return true;
        }
    }

    /// <summary>Reads a scalar token's raw bytes (number, true, false, null).</summary>
    public bool TryReadScalar(out ReadOnlySpan<byte> raw)
    {
        SkipWhitespace();
        var end = Find(_json[_position..], ScalarEnd);
        var length = end < 0 ? _json.Length - _position : end;
        raw = _json.Slice(_position, length);
        _position += length;
        return length > 0;
    }

    /// <summary>A number as a long (fractions truncated, negatives as 0); false when the value is not a number.</summary>
    public bool TryReadLong(out long value)
    {
        // Token counts are plain digits: read them in place (locals, so the loop keeps them in registers), anything
        // else takes the general parse.
        var rest = _json[_position..];
        var digits = 0;
        long plain = 0;
        while (digits < rest.Length && digits < 18)
        {
            var digit = (uint)(rest[digits] - '0');
            if (digit > 9)
            {
                break;
            }

            plain = (plain * 10) + digit;
            digits++;
        }

        if (digits > 0 && (digits == rest.Length || rest[digits] is (byte)',' or (byte)'}' or (byte)']' or (byte)' '))
        {
            _position += digits;
            value = plain;
            return true;
        }

        value = 0;
        if (Peek() is not ((>= (byte)'0' and <= (byte)'9') or (byte)'-') || !TryReadScalar(out var raw))
        {
            return TrySkipValue() && false;
        }

        if (Utf8Parser.TryParse(raw, out long whole, out var used) && used == raw.Length)
        {
            value = Math.Max(0, whole);
            return true;
        }

        if (Utf8Parser.TryParse(raw, out double real, out used) && used == raw.Length && double.IsFinite(real))
        {
            value = (long)Math.Clamp(real, 0, long.MaxValue);
            return true;
        }

        return false;
    }

    /// <summary>Skips a number whose value is not needed (digits, sign, point, exponent); false when none is there.</summary>
    public bool TrySkipNumber()
    {
        var at = _position;
        while (at < _json.Length && _json[at] is (>= (byte)'0' and <= (byte)'9') or (byte)'.' or (byte)'-' or (byte)'+' or (byte)'e' or (byte)'E')
        {
            at++;
        }

        var any = at > _position;
        _position = at;
        return any;
    }

    public bool TryReadDouble(out double value)
    {
        if (TryReadPlainDecimal(out value))
        {
            return true;
        }

        value = 0;
        if (Peek() is not ((>= (byte)'0' and <= (byte)'9') or (byte)'-') || !TryReadScalar(out var raw))
        {
            return TrySkipValue() && false;
        }

        return Utf8Parser.TryParse(raw, out value, out var used) && used == raw.Length && double.IsFinite(value);
    }

    /// <summary>
    /// <c>ddd.ddd</c> with at most 15 digits (costs like <c>0.0041</c>): the digits and the power of ten are both exact
    /// doubles, so one division gives the correctly rounded value, as the general parser would.
    /// </summary>
    private bool TryReadPlainDecimal(out double value)
    {
        value = 0;
        var rest = _json[_position..];
        long mantissa = 0;
        var digits = 0;
        var fraction = -1;
        var at = 0;
        for (; at < rest.Length; at++)
        {
            var digit = (uint)(rest[at] - '0');
            if (digit <= 9)
            {
                mantissa = (mantissa * 10) + digit;
                if (++digits > 15)
                {
                    return false;
                }
            }
            else if (rest[at] == (byte)'.' && fraction < 0)
            {
                fraction = at;
            }
            else
            {
                break;
            }
        }

        if (digits == 0 || at == fraction + 1 || (at < rest.Length && rest[at] is not ((byte)',' or (byte)'}' or (byte)']' or (byte)' ')))
        {
            return false;
        }

        value = fraction < 0 ? mantissa : mantissa / Pow10[at - fraction - 1];
        _position += at;
        return true;
    }

    private static readonly double[] Pow10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    /// <summary>Decodes a string value read by <see cref="TryReadString"/>.</summary>
    public static string Decode(ReadOnlySpan<byte> content, bool escaped)
    {
        if (!escaped)
        {
            return Encoding.UTF8.GetString(content);
        }

        // Rare (escaped provider names, error messages): let the real reader decode the one token.
        var quoted = new byte[content.Length + 2];
        quoted[0] = quoted[^1] = (byte)'"';
        content.CopyTo(quoted.AsSpan(1));
        var reader = new Utf8JsonReader(quoted);
        reader.Read();
        return reader.GetString() ?? "";
    }

    /// <summary>An ISO 8601 timestamp string's content.</summary>
    public static bool TryParseIso(ReadOnlySpan<byte> content, out DateTimeOffset value)
    {
        if (TryParseJavaScriptIso(content, out value))
        {
            return true;
        }

        if (content.Length is < 10 or > 64)
        {
            return false;
        }

        Span<byte> quoted = stackalloc byte[content.Length + 2];
        quoted[0] = quoted[^1] = (byte)'"';
        content.CopyTo(quoted[1..]);
        var reader = new Utf8JsonReader(quoted);
        return reader.Read() && reader.TryGetDateTimeOffset(out value);
    }

    /// <summary>Fast path for JavaScript's <c>toISOString()</c>: <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>, exactly.</summary>
    private static bool TryParseJavaScriptIso(ReadOnlySpan<byte> s, out DateTimeOffset value)
    {
        value = default;
        if (s.Length != 24 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != '.' || s[23] != 'Z')
        {
            return false;
        }

        var year = (Two(s, 0) * 100) + Two(s, 2);
        var month = Two(s, 5);
        var day = Two(s, 8);
        var hour = Two(s, 11);
        var minute = Two(s, 14);
        var second = Two(s, 17);
        var millisecond = (Two(s, 20) * 10) + Digit(s[22]);

        // A non-digit makes its field negative (see Two), so one range check covers both.
        if (year < 1 || month is < 1 or > 12 || day < 1 || hour is < 0 or > 23 || minute is < 0 or > 59 || second is < 0 or > 59 || millisecond < 0
            || day > DaysIn(year, month))
        {
            return false;
        }

        // Ticks by arithmetic (days from the civil date): the validating constructors cost more than the whole line.
        var ticks = (DaysFromCivil(year, month, day) * TimeSpan.TicksPerDay) + (hour * TimeSpan.TicksPerHour)
            + (minute * TimeSpan.TicksPerMinute) + (second * TimeSpan.TicksPerSecond) + (millisecond * TimeSpan.TicksPerMillisecond);
        value = new DateTimeOffset(ticks, TimeSpan.Zero);
        return true;
    }

    /// <summary>Days from 0001-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil, shifted to DateTime's epoch).</summary>
    private static long DaysFromCivil(int year, int month, int day)
    {
        year -= month <= 2 ? 1 : 0;
        var era = year / 400;
        var yearOfEra = year - (era * 400);
        var dayOfYear = (((153 * (month + (month > 2 ? -3 : 9))) + 2) / 5) + day - 1;
        var dayOfEra = (yearOfEra * 365) + (yearOfEra / 4) - (yearOfEra / 100) + dayOfYear;
        return (era * 146097L) + dayOfEra - 306;
    }

    /// <summary>Two ASCII digits at <paramref name="at"/> as 0–99; a large negative number when either is not a digit.</summary>
    private static int Two(ReadOnlySpan<byte> s, int at) => (Digit(s[at]) * 10) + Digit(s[at + 1]);

    private static int Digit(byte b) => b - (uint)'0' <= 9 ? b - '0' : -10_000;

    private static int DaysIn(int year, int month) =>
        month == 2 ? (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28) : month is 4 or 6 or 9 or 11 ? 30 : 31;

    /// <summary>Keys and most values are short: a plain loop first, then the two-value vectorised search.</summary>
    private static int FindQuoteOrBackslash(ReadOnlySpan<byte> span)
    {
        var head = Math.Min(span.Length, 16);
        for (var i = 0; i < head; i++)
        {
            if (span[i] is (byte)'"' or (byte)'\\')
            {
                return i;
            }
        }

        if (head == span.Length)
        {
            return -1;
        }

        var rest = span[head..].IndexOfAny((byte)'"', (byte)'\\');
        return rest < 0 ? -1 : head + rest;
    }

    /// <summary>
    /// Keys, numbers and the gaps between tokens are short: a plain loop finds their end before a vectorised search
    /// has set up, which pays only for long strings (thinking, text, tool output).
    /// </summary>
    private static int Find(ReadOnlySpan<byte> span, Set set)
    {
        var head = Math.Min(span.Length, 24);
        var table = set.Table;
        for (var i = 0; i < head; i++)
        {
            if (table[span[i]])
            {
                return i;
            }
        }

        if (head == span.Length)
        {
            return -1;
        }

        var rest = span[head..].IndexOfAny(set.Values);
        return rest < 0 ? -1 : head + rest;
    }

    /// <summary>A byte set as both a lookup table (short scans) and <see cref="SearchValues{T}"/> (long ones).</summary>
    private sealed class Set
    {
        public Set(ReadOnlySpan<byte> bytes)
        {
            Values = SearchValues.Create(bytes);
            foreach (var b in bytes)
            {
                Table[b] = true;
            }
        }

        public bool[] Table { get; } = new bool[256];

        public SearchValues<byte> Values { get; }
    }

    private bool TrySkipContainer()
    {
        var depth = 0;
        while (_position < _json.Length)
        {
            var next = Find(_json[_position..], Structural);
            if (next < 0)
            {
                return false;
            }

            _position += next;
            switch (_json[_position])
            {
                case (byte)'"':
                    if (!TryReadString(out _, out _))
                    {
                        return false;
                    }

                    continue;
                case (byte)'{' or (byte)'[':
                    depth++;
                    break;
                default:
                    depth--;
                    break;
            }

            _position++;
            if (depth == 0)
            {
                return true;
            }
        }

        return false;
    }
}
