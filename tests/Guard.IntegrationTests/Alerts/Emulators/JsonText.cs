using System.Text;
using System.Text.Json;

namespace Guard.IntegrationTests.Alerts.Emulators;

/// <summary>Every string value in a JSON tree, unescaped and joined: what a keyword check sees.</summary>
public static class JsonText
{
    public static string AllStrings(JsonElement element)
    {
        var text = new StringBuilder();
        Collect(element, text);
        return text.ToString();
    }

    private static void Collect(JsonElement element, StringBuilder text)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                text.Append(element.GetString()).Append('\n');
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Collect(property.Value, text);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, text);
                }

                break;
        }
    }
}
