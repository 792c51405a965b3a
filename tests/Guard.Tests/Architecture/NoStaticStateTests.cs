using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Guard.Tests.Architecture;

/// <summary>
/// Guard keeps no process-wide mutable state: what one part publishes another reads through an injected service, so
/// tests never clean up after each other and two hosts in one process never see each other's chain.
/// </summary>
public sealed class NoStaticStateTests
{
    [Fact]
    public void No_static_field_in_Guard_is_writable_or_a_mutable_collection()
    {
        var offenders = new List<string>();
        foreach (var type in typeof(Guard.Chain.IModelChain).Assembly.GetTypes())
        {
            if (type.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false) || type.FullName!.Contains('<', StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var field in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (field.IsLiteral || field.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false) || field.Name.Contains('<', StringComparison.Ordinal))
                {
                    continue;
                }

                if (!field.IsInitOnly)
                {
                    offenders.Add($"{type.FullName}.{field.Name} is a writable static field");
                }
                else if (IsMutableCollection(field.FieldType))
                {
                    offenders.Add($"{type.FullName}.{field.Name} is a static {field.FieldType.Name}");
                }
            }

            foreach (var evt in type.GetEvents(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                offenders.Add($"{type.FullName}.{evt.Name} is a static event");
            }
        }

        Assert.True(offenders.Count == 0, string.Join(Environment.NewLine, offenders));
    }

    // Read-only views, arrays of constants and frozen sets are fine; a collection anyone can Add to is state.
    private static bool IsMutableCollection(Type type)
    {
        if (type.IsArray || !typeof(IEnumerable).IsAssignableFrom(type) || type == typeof(string))
        {
            return false;
        }

        var ns = type.Namespace ?? "";
        if (ns.StartsWith("System.Collections.Frozen", StringComparison.Ordinal) || ns.StartsWith("System.Collections.Immutable", StringComparison.Ordinal))
        {
            return false;
        }

        return ns.StartsWith("System.Collections.Concurrent", StringComparison.Ordinal)
            || (type.IsGenericType && type.GetGenericTypeDefinition() is var d
                && (d == typeof(List<>) || d == typeof(Dictionary<,>) || d == typeof(HashSet<>) || d == typeof(Queue<>) || d == typeof(Stack<>)));
    }
}
