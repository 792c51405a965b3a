using System.Collections;
using System.Reflection;
using Guard.Configuration;

namespace Guard.Tests.Configuration;

/// <summary>
/// <see cref="ConfigShape"/> lists containers and time spans by hand (the binder is source-generated, Guard has no
/// reflection); this walks the options classes so a new option cannot slip past the shape check.
/// </summary>
public sealed class ConfigShapeCompletenessTests
{
    [Fact]
    public void Containers_and_time_spans_match_the_options_classes()
    {
        var containers = new SortedSet<string>(StringComparer.OrdinalIgnoreCase) { "" };
        var timeSpans = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        Walk(typeof(GuardOptions), "", containers, timeSpans);

        Assert.Equal(containers, new SortedSet<string>(ConfigShape.Containers.Keys, StringComparer.OrdinalIgnoreCase));
        Assert.Equal(timeSpans, new SortedSet<string>(ConfigShape.TimeSpans, StringComparer.OrdinalIgnoreCase));
    }

    private static void Walk(Type type, string prefix, SortedSet<string> containers, SortedSet<string> timeSpans)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var path = prefix.Length == 0 ? property.Name : $"{prefix}:{property.Name}";
            WalkType(property.PropertyType, path, containers, timeSpans);
        }
    }

    private static void WalkType(Type type, string path, SortedSet<string> containers, SortedSet<string> timeSpans)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(TimeSpan))
        {
            timeSpans.Add(path);
        }
        else if (t == typeof(string) || t.IsPrimitive || t.IsEnum)
        {
            // One value.
        }
        else if (t.IsGenericType && typeof(IEnumerable).IsAssignableFrom(t))
        {
            containers.Add(path);
            var element = t.GetGenericArguments()[^1];
            WalkType(element, $"{path}:*", containers, timeSpans);
        }
        else
        {
            containers.Add(path);
            Walk(t, path, containers, timeSpans);
        }
    }
}
