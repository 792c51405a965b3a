using System.Text;
using System.Text.Json.Nodes;

namespace Guard.OpenClaw.Discovery;

/// <summary>
/// OpenClaw's <c>${VAR}</c> substitution in config string values: upper-case names only, <c>$${VAR}</c> escapes.
/// Unset variables become empty and are reported, as the gateway would refuse them.
/// </summary>
public static class EnvReferences
{
    /// <summary>Names referenced in <paramref name="value"/> (used to tell where a key came from).</summary>
    public static IReadOnlyList<string> Names(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var names = new List<string>();
        Substitute(value, name =>
        {
            names.Add(name);
            return "";
        });
        return names;
    }

    public static string Substitute(string value, Func<string, string?> lookup, ICollection<string>? missing = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(lookup);
        if (!value.Contains('$', StringComparison.Ordinal))
        {
            return value;
        }

        var result = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '$' && i + 1 < value.Length && value[i + 1] == '$' && i + 2 < value.Length && value[i + 2] == '{')
            {
                result.Append('$'); // "$${X}" stays a literal "${X}"
                i++;
                continue;
            }

            if (value[i] != '$' || i + 1 >= value.Length || value[i + 1] != '{')
            {
                result.Append(value[i]);
                continue;
            }

            var end = i + 2;
            while (end < value.Length && (char.IsAsciiLetterUpper(value[end]) || char.IsAsciiDigit(value[end]) || value[end] == '_'))
            {
                end++;
            }

            if (end == i + 2 || end >= value.Length || value[end] != '}' || char.IsAsciiDigit(value[i + 2]))
            {
                result.Append(value[i]);
                continue;
            }

            var name = value[(i + 2)..end];
            var resolved = lookup(name);
            if (resolved is null)
            {
                missing?.Add(name);
            }

            result.Append(resolved ?? "");
            i = end;
        }

        return result.ToString();
    }

    /// <summary>Substitutes in every string value of <paramref name="node"/>, in place.</summary>
    public static void SubstituteAll(JsonNode? node, Func<string, string?> lookup, ICollection<string> missing)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        ArgumentNullException.ThrowIfNull(missing);
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    if (obj[key] is JsonValue v && v.TryGetValue<string>(out var s))
                    {
                        obj[key] = Substitute(s, lookup, missing);
                    }
                    else
                    {
                        SubstituteAll(obj[key], lookup, missing);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue v && v.TryGetValue<string>(out var s))
                    {
                        array[i] = Substitute(s, lookup, missing);
                    }
                    else
                    {
                        SubstituteAll(array[i], lookup, missing);
                    }
                }

                break;
        }
    }
}
