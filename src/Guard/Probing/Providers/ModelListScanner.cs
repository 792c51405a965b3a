using System.Text.Json;

namespace Guard.Probing.Providers;

/// <summary>
/// Streams an OpenAI-style model list (<c>{"data":[{"id":…}]}</c>, also <c>models</c>/<c>name</c> and bare arrays)
/// looking for one id. Works on a cut-off body: it then reports the list as incomplete instead of failing.
/// </summary>
internal static class ModelListScanner
{
    public static ModelListScan Scan(ReadOnlySpan<byte> body, bool truncated, string model)
    {
        var reader = new Utf8JsonReader(body, isFinalBlock: !truncated, state: default);
        var listDepth = -1;
        var sawList = false;
        var hasError = false;
        var morePages = false;
        var found = false;
        var count = 0;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartArray when reader.CurrentDepth == 0:
                        listDepth = 0;
                        sawList = true;
                        break;
                    case JsonTokenType.EndArray when reader.CurrentDepth == listDepth:
                        listDepth = -1;
                        break;
                    case JsonTokenType.StartObject when listDepth >= 0 && reader.CurrentDepth == listDepth + 1:
                        count++;
                        break;
                    case JsonTokenType.PropertyName when listDepth >= 0 && reader.CurrentDepth == listDepth + 2:
                        if (reader.ValueTextEquals("error"))
                        {
                            hasError = true;
                        }
                        else if ((reader.ValueTextEquals("id") || reader.ValueTextEquals("name")) && reader.Read()
                            && reader.TokenType == JsonTokenType.String)
                        {
                            found |= Matches(reader.GetString(), model);
                        }

                        break;
                    case JsonTokenType.PropertyName when listDepth < 0 && reader.CurrentDepth == 1:
                        ReadTopLevel(ref reader, ref listDepth, ref sawList, ref hasError, ref morePages);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return new ModelListScan(IsJson: false, HasError: false, Found: false, Complete: false, Count: count);
        }

        var complete = sawList && !truncated && !morePages && !hasError;
        return new ModelListScan(IsJson: true, hasError, found, complete, count, sawList);
    }

    private static void ReadTopLevel(ref Utf8JsonReader reader, ref int listDepth, ref bool sawList, ref bool hasError, ref bool morePages)
    {
        if (reader.ValueTextEquals("error"))
        {
            hasError |= reader.Read() && reader.TokenType is JsonTokenType.StartObject or JsonTokenType.String;
        }
        else if (reader.ValueTextEquals("data") || reader.ValueTextEquals("models"))
        {
            if (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
            {
                listDepth = reader.CurrentDepth;
                sawList = true;
            }
        }
        else if (reader.ValueTextEquals("has_more"))
        {
            morePages |= reader.Read() && reader.TokenType == JsonTokenType.True;
        }
        else if (reader.ValueTextEquals("nextPageToken") || reader.ValueTextEquals("next_page") || reader.ValueTextEquals("next"))
        {
            morePages |= reader.Read() && reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length > 0;
        }
    }

    /// <summary>Ids may carry Google's "models/" prefix (Gemini's OpenAI-compatible list).</summary>
    private static bool Matches(string? id, string model)
    {
        if (id is null)
        {
            return false;
        }

        const string Prefix = "models/";
        var bare = id.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? id[Prefix.Length..] : id;
        var wanted = model.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? model[Prefix.Length..] : model;
        return string.Equals(bare, wanted, StringComparison.OrdinalIgnoreCase);
    }
}
