using System.Text;

namespace Guard.Alerts.Channels;

/// <summary>Drains a stream to its end, keeping only the last characters (a chatty program cannot fill memory).</summary>
internal static class TailReader
{
    public static async Task<string> ReadTailAsync(StreamReader reader, int keep)
    {
        var tail = new StringBuilder();
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            tail.Append(buffer, 0, read);
            if (tail.Length > keep * 2)
            {
                tail.Remove(0, tail.Length - keep);
            }
        }

        if (tail.Length > keep)
        {
            tail.Remove(0, tail.Length - keep);
        }

        return tail.ToString();
    }
}
