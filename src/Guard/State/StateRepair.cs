using System.Text.Json;
using System.Text.Json.Nodes;

namespace Guard.State;

/// <summary>
/// Makes a state file that is JSON but not quite the expected shape usable: a section (top-level property, one model,
/// one restart record) that cannot be read is dropped so it comes back as its default, and each drop is named. A state
/// file is Guard's memory of the restart budget, so one bad section must not cost every other one.
/// </summary>
internal static class StateRepair
{
    /// <summary>
    /// Reads <paramref name="utf8Json"/> section by section. Throws <see cref="JsonException"/> only when the text is not
    /// JSON or not an object at all; everything else is repaired and listed in <paramref name="repairs"/>.
    /// </summary>
    public static GuardState DeserializeRepairing(ReadOnlySpan<byte> utf8Json, List<string> repairs)
    {
        if (JsonNode.Parse(utf8Json) is not JsonObject root)
        {
            throw new JsonException("The state file is not a JSON object.");
        }

        foreach (var name in root.Select(p => p.Key).ToList())
        {
            var value = root[name];
            if (Readable(name, value))
            {
                continue;
            }

            switch (name)
            {
                case "models" when value is JsonObject models:
                    DropUnreadableEntries(models, repairs);
                    break;
                case "restarts" when value is JsonArray restarts:
                    DropUnreadableElements(restarts, repairs);
                    break;
                default:
                    root.Remove(name);
                    repairs.Add($"\"{name}\" has the wrong shape ({Shape(value)}); reset to defaults");
                    break;
            }
        }

        return JsonSerializer.Deserialize(root, StateJsonContext.Default.GuardState)
            ?? throw new JsonException("The state file contains null.");
    }

    private static void DropUnreadableEntries(JsonObject models, List<string> repairs)
    {
        foreach (var id in models.Select(p => p.Key).ToList())
        {
            if (!Readable("models", new JsonObject { [id] = models[id]?.DeepClone() }))
            {
                models.Remove(id);
                repairs.Add($"\"models\" entry \"{id}\" has the wrong shape; its health starts fresh");
            }
        }
    }

    private static void DropUnreadableElements(JsonArray restarts, List<string> repairs)
    {
        for (var i = restarts.Count - 1; i >= 0; i--)
        {
            if (!Readable("restarts", new JsonArray(restarts[i]?.DeepClone())))
            {
                restarts.RemoveAt(i);
                repairs.Add($"\"restarts\" record {i} has the wrong shape; dropped");
            }
        }
    }

    private static bool Readable(string name, JsonNode? value)
    {
        try
        {
            JsonSerializer.Deserialize(new JsonObject { [name] = value?.DeepClone() }, StateJsonContext.Default.GuardState);
            return true;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or FormatException)
        {
            return false;
        }
    }

    private static string Shape(JsonNode? value) => value?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        _ => "true/false",
    };
}
