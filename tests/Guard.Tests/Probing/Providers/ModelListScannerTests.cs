using System.Text;
using Guard.Probing.Providers;

namespace Guard.Tests.Probing.Providers;

public sealed class ModelListScannerTests
{
    private const string OpenAiList = """
        {"object":"list","data":[
          {"id":"gpt-4o-mini","object":"model","created":1721172741,"owned_by":"system"},
          {"id":"o3-mini","object":"model","created":1737146383,"owned_by":"system"}]}
        """;

    [Fact]
    public void Scan_ListedModel_IsFound()
    {
        var scan = Scan(OpenAiList, "o3-mini");

        Assert.True(scan is { IsJson: true, Found: true, Complete: true, Count: 2 });
    }

    [Fact]
    public void Scan_CompleteListWithoutModel_IsCompleteAndNotFound()
    {
        var scan = Scan(OpenAiList, "gpt-9");

        Assert.True(scan is { Found: false, Complete: true, HasError: false });
    }

    [Fact]
    public void Scan_GeminiCompatPrefix_Matches() =>
        Assert.True(Scan("""{"object":"list","data":[{"id":"models/gemini-2.5-flash","object":"model","owned_by":"google"}]}""", "gemini-2.5-flash").Found);

    [Fact]
    public void Scan_HasMore_IsIncomplete() =>
        Assert.False(Scan("""{"data":[{"type":"model","id":"claude-haiku-4-5"}],"has_more":true,"first_id":"a","last_id":"b"}""", "x").Complete);

    [Fact]
    public void Scan_TruncatedBody_ReportsWhatItSaw()
    {
        var body = Encoding.UTF8.GetBytes(OpenAiList)[..120];

        var scan = ModelListScanner.Scan(body, truncated: true, "gpt-4o-mini");

        Assert.True(scan is { IsJson: true, Found: true, Complete: false });
    }

    [Theory]
    [InlineData("null", false)]
    [InlineData("{}", false)]
    [InlineData("""{"choices":[{"message":{"content":"h"}}]}""", false)]
    [InlineData("""{"data":[]}""", true)]
    [InlineData("""{"models":[{"name":"models/gemini-2.5-flash"}]}""", true)]
    [InlineData("[]", true)]
    public void Scan_TellsWhetherThereWasAListAtAll(string body, bool hasList) =>
        Assert.Equal(hasList, Scan(body, "x").HasList);

    [Fact]
    public void Scan_ErrorObject_IsError() =>
        Assert.True(Scan("""{"error":{"message":"Incorrect API key provided","code":"invalid_api_key"}}""", "x").HasError);

    [Fact]
    public void Scan_ErrorArray_IsError() =>
        Assert.True(Scan("""[{"error":{"code":400,"message":"API key not valid.","status":"INVALID_ARGUMENT"}}]""", "x").HasError);

    [Fact]
    public void Scan_Html_IsNotJson() => Assert.False(Scan("<html>captive portal</html>", "x").IsJson);

    private static ModelListScan Scan(string body, string model) => ModelListScanner.Scan(Encoding.UTF8.GetBytes(body), truncated: false, model);
}
