using System.Text;

namespace Guard.Tests.Quota;

/// <summary>A throwaway OpenClaw home: <c>agents/&lt;agent&gt;/sessions/*.jsonl</c> under a temp directory.</summary>
internal sealed class OpenClawHome : IDisposable
{
    public OpenClawHome()
    {
        Directory.CreateDirectory(AgentsDirectory);
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "guard-openclaw-" + Guid.NewGuid().ToString("N"));

    public string AgentsDirectory => Path.Combine(Root, "agents");

    public string DataDirectory => Path.Combine(Root, "workspace");

    public string Sessions(string agent = "main")
    {
        var path = Path.Combine(AgentsDirectory, agent, "sessions");
        Directory.CreateDirectory(path);
        return path;
    }

    public string Transcript(string sessionId, string agent = "main") => Path.Combine(Sessions(agent), sessionId + ".jsonl");

    /// <summary>Appends complete lines (each with its newline).</summary>
    public static void Append(string path, params string[] lines)
    {
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.Append(line).Append('\n');
        }

        AppendRaw(path, text.ToString());
    }

    /// <summary>Appends exactly these characters (a partial line when there is no trailing newline).</summary>
    public static void AppendRaw(string path, string text)
    {
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        var bytes = Encoding.UTF8.GetBytes(text);
        stream.Write(bytes);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
