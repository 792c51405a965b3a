using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace Guard.Configuration;

/// <summary>
/// The JSON files behind a running configuration. The file provider, on reload, turns a deleted, unreadable or
/// half-written file into "no keys", which would validate as the built-in defaults; live reload asks here first
/// and keeps the last good configuration while any file is not a readable JSON object.
/// </summary>
public sealed class ConfigFileStatus
{
    private readonly List<(string Path, bool Required)> _files = [];
    private volatile bool _started;

    public IReadOnlyList<string> Files => _files.ConvertAll(f => f.Path);

    /// <summary>Called once the first load succeeded: from then on, load errors are reported by <see cref="Check"/>.</summary>
    public void MarkStarted() => _started = true;

    internal void Add(string path, bool required) => _files.Add((path, required));

    /// <summary>
    /// A reload must never throw on the file watcher's thread (the change would then be lost silently); at
    /// start-up the error propagates so the command exits 78.
    /// </summary>
    internal void OnLoadException(FileLoadExceptionContext context)
    {
        if (_started)
        {
            context.Ignore = true;
        }
    }

    /// <summary>The first file that is not usable now, or null when every file can be read and parsed.</summary>
    public ConfigFileTrouble? Check()
    {
        foreach (var (path, required) in _files)
        {
            if (Directory.Exists(path))
            {
                return new(path, ConfigFileTroubleKind.Unreadable, "is a directory, not a file");
            }

            if (!File.Exists(path))
            {
                if (required)
                {
                    return new(path, ConfigFileTroubleKind.Missing, "was deleted or moved");
                }

                continue;
            }

            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return new(path, ConfigFileTroubleKind.Unreadable, ex.Message);
            }

            if (Parse(path, bytes) is { } trouble)
            {
                return trouble;
            }
        }

        return null;
    }

    private static ConfigFileTrouble? Parse(string path, byte[] bytes)
    {
        try
        {
            // The same leniency as the JSON configuration provider.
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? null
                : new(path, ConfigFileTroubleKind.Invalid, $"{path}, line 1, column 1: the top level must be a JSON object ({{ … }})");
        }
        catch (JsonException ex)
        {
            return new(path, ConfigFileTroubleKind.Invalid, JsonErrorText.Describe(path, ex))
            {
                Line = (ex.LineNumber ?? 0) + 1,
                Column = (ex.BytePositionInLine ?? 0) + 1,
            };
        }
    }
}
