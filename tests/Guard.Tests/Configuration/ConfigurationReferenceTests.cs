using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Guard.Configuration;

namespace Guard.Tests.Configuration;

/// <summary>
/// The configuration reference (docs/configuration.md, linked from the README) is the user's only reference: it must
/// name every settable key, no key that does not exist, and the real default of each.
/// </summary>
public sealed partial class ConfigurationReferenceTests
{
    private const string Unset = "—";
    private const string ReferencePath = "docs/configuration.md";

    [Fact]
    public void Reference_names_exactly_the_settable_keys()
    {
        var documented = ReadReferenceTable().Select(r => Normalize(r.Key)).ToList();
        var actual = CollectKeys().Select(k => Normalize(k.Key)).ToList();

        var duplicates = documented.GroupBy(k => k, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        var unknown = documented.Except(actual, StringComparer.Ordinal).ToList();
        var missing = actual.Except(documented, StringComparer.Ordinal).ToList();

        Assert.True(
            duplicates.Count == 0 && unknown.Count == 0 && missing.Count == 0,
            $"{ReferencePath} configuration reference is out of date.\n" +
            $"  listed twice: {string.Join(", ", duplicates)}\n" +
            $"  in the reference but not in the options classes: {string.Join(", ", unknown)}\n" +
            $"  in the options classes but not in the reference: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Reference_defaults_match_the_code()
    {
        var documented = ReadReferenceTable().ToDictionary(r => Normalize(r.Key), r => r.Default, StringComparer.Ordinal);
        var wrong = CollectKeys()
            .Where(k => documented.ContainsKey(Normalize(k.Key)))
            .Where(k => !string.Equals(documented[Normalize(k.Key)], k.Default, StringComparison.Ordinal))
            .Select(k => $"{k.Key}: the reference says '{documented[Normalize(k.Key)]}', code says '{k.Default}'")
            .ToList();

        Assert.True(wrong.Count == 0, "docs/configuration.md defaults differ from the code:\n  " + string.Join("\n  ", wrong));
    }

    [Fact]
    public void Key_collection_sees_every_kind_of_member()
    {
        // Guards the reflection walk itself, so the two tests above cannot pass by collecting nothing.
        var keys = CollectKeys().ToDictionary(k => k.Key, k => k.Default, StringComparer.Ordinal);

        Assert.Equal("~/.openclaw/workspace", keys["Guard:DataDirectory"]);
        Assert.Equal("00:00:15", keys["Guard:Probe:Timeout"]);
        Assert.Equal(Unset, keys["Guard:Models[]:Id"]);
        Assert.Equal("Reach, Deep", keys["Guard:Models[]:Tiers"]);
        Assert.Equal(Unset, keys["Guard:Models[]:Headers"]);
        Assert.Equal("1.00:00:00", keys["Guard:Quota:Budgets:<key>:Window"]);
        Assert.Equal(Unset, keys["Guard:Alerts:Channels[]:Type"]);
        Assert.Equal("User", keys["Guard:Recovery:Bus"]);
        Assert.Equal("true", keys["Guard:Logging:FileEnabled"]);
        Assert.DoesNotContain(keys.Keys, k => k.EndsWith(":Probe", StringComparison.Ordinal) || k.EndsWith(":Models", StringComparison.Ordinal));
    }

    private static IEnumerable<(string Key, string Default)> CollectKeys() =>
        Collect(typeof(GuardOptions), GuardOptions.SectionName, new GuardOptions());

    private static IEnumerable<(string Key, string Default)> Collect(Type type, string prefix, object instance)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is not { IsPublic: true } || property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var key = $"{prefix}:{property.Name}";
            var value = property.GetValue(instance);
            var propertyType = property.PropertyType;
            if (IsScalar(propertyType))
            {
                yield return (key, Format(value));
            }
            else if (DictionaryValueType(propertyType) is { } valueType)
            {
                var children = IsScalar(valueType)
                    ? [(key, FormatCollection((IEnumerable?)value))]
                    : Collect(valueType, $"{key}:<key>", Activator.CreateInstance(valueType)!);
                foreach (var child in children)
                {
                    yield return child;
                }
            }
            else if (ListItemType(propertyType) is { } itemType)
            {
                var children = IsScalar(itemType)
                    ? [(key, FormatCollection((IEnumerable?)value))]
                    : Collect(itemType, $"{key}[]", Activator.CreateInstance(itemType)!);
                foreach (var child in children)
                {
                    yield return child;
                }
            }
            else
            {
                foreach (var child in Collect(propertyType, key, value ?? Activator.CreateInstance(propertyType)!))
                {
                    yield return child;
                }
            }
        }
    }

    private static bool IsScalar(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(TimeSpan) || t == typeof(Uri);
    }

    private static Type? DictionaryValueType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>) ? type.GetGenericArguments()[1] : null;

    private static Type? ListItemType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) ? type.GetGenericArguments()[0]
        : null;

    private static string Format(object? value) => value switch
    {
        null => Unset,
        string s when s.Length == 0 => Unset,
        bool b => b ? "true" : "false",
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? Unset,
    };

    private static string FormatCollection(IEnumerable? values)
    {
        var items = values?.Cast<object?>().Select(Format).ToList() ?? [];
        return items.Count == 0 ? Unset : string.Join(", ", items);
    }

    /// <summary>Dictionary placeholders may be named for the reader (<c>&lt;model&gt;</c>); any name matches.</summary>
    private static string Normalize(string key) => Placeholder().Replace(key, "<key>");

    private static List<(string Key, string Default)> ReadReferenceTable()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryFiles.Root, ReferencePath));
        var heading = Array.FindIndex(lines, l => l.Trim() == "## Configuration reference");
        Assert.True(heading >= 0, $"{ReferencePath} has no '## Configuration reference' heading");

        var rows = new List<(string, string)>();
        var inTable = false;
        for (var i = heading + 1; i < lines.Length && !lines[i].StartsWith('#'); i++)
        {
            var line = lines[i].Trim();
            if (!line.StartsWith('|'))
            {
                if (inTable)
                {
                    break;
                }

                continue;
            }

            inTable = true;
            var cells = line.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            if (cells.Length < 3 || cells[0] == "key" || cells[0].StartsWith("---", StringComparison.Ordinal))
            {
                continue;
            }

            rows.Add((cells[0].Trim('`'), cells[1].Trim('`')));
        }

        Assert.True(rows.Count > 0, $"the configuration reference table in {ReferencePath} has no rows");
        return rows;
    }

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Placeholder();
}
