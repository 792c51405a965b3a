using System.Text.Json;
using System.Text.Json.Nodes;

namespace Guard.OpenClaw.Discovery;

/// <summary>
/// Reads <c>openclaw.json</c> itself when the CLI is not available: JSON5, with <c>$include</c> (a path or a list of
/// paths, relative to the including file, deep-merged under the sibling keys). <c>${VAR}</c> is left for the caller,
/// which knows where each variable comes from.
/// </summary>
public static class OpenClawConfigFile
{
    private const int MaxIncludeDepth = 10;

    /// <summary>The config as an object; an empty object when the file does not exist (OpenClaw's defaults apply).</summary>
    /// <exception cref="FormatException">The file (or an included one) is not valid JSON5 or not an object.</exception>
    public static JsonObject Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return File.Exists(path) ? LoadFile(Path.GetFullPath(path), 0) : [];
    }

    public static JsonObject Parse(string json5, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(json5);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(Json5Normalizer.ToJson(json5), documentOptions: new JsonDocumentOptions { MaxDepth = 128 });
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{sourceName}: {ex.Message}", ex);
        }
        catch (FormatException ex)
        {
            throw new FormatException($"{sourceName}: {ex.Message}", ex);
        }

        return node as JsonObject ?? throw new FormatException($"{sourceName}: the top level is not an object");
    }

    private static JsonObject LoadFile(string path, int depth)
    {
        if (depth > MaxIncludeDepth)
        {
            throw new FormatException($"{path}: $include nested deeper than {MaxIncludeDepth} (a cycle?)");
        }

        var root = Parse(File.ReadAllText(path), path);
        return (JsonObject)ResolveIncludes(root, Path.GetDirectoryName(path)!, depth)!;
    }

    private static JsonNode? ResolveIncludes(JsonNode? node, string directory, int depth)
    {
        switch (node)
        {
            case JsonObject obj:
            {
                JsonObject? merged = null;
                if (obj["$include"] is { } include)
                {
                    obj.Remove("$include");
                    merged = [];
                    foreach (var file in IncludePaths(include))
                    {
                        var full = Path.GetFullPath(Path.Combine(directory, file));
                        DeepMerge(merged, LoadFile(full, depth + 1));
                    }
                }

                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    obj[key] = ResolveIncludes(obj[key]?.DeepClone(), directory, depth);
                }

                if (merged is null)
                {
                    return obj;
                }

                DeepMerge(merged, obj);
                return merged;
            }

            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    array[i] = ResolveIncludes(array[i]?.DeepClone(), directory, depth);
                }

                return array;
            default:
                return node;
        }
    }

    private static IEnumerable<string> IncludePaths(JsonNode include) => include switch
    {
        JsonValue v when v.TryGetValue<string>(out var one) => [one],
        JsonArray many => many.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : null).OfType<string>(),
        _ => throw new FormatException("$include must be a path or a list of paths"),
    };

    /// <summary>Objects merge key by key; anything else in <paramref name="overlay"/> replaces what was there.</summary>
    internal static void DeepMerge(JsonObject target, JsonObject overlay)
    {
        foreach (var (key, value) in overlay.ToList())
        {
            if (target[key] is JsonObject existing && value is JsonObject incoming)
            {
                DeepMerge(existing, incoming);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }
}
