using System.Text;
using Microsoft.AspNetCore.Http;

namespace Guard.IntegrationTests.Chaos;

/// <summary>Thirty-odd malformed or hostile provider replies, each a raw request handler.</summary>
internal static class HostileReplies
{
    private static readonly byte[] Chunk = Encoding.ASCII.GetBytes(new string('x', 64 * 1024));

    public static IReadOnlyDictionary<string, RequestDelegate> All { get; } = new Dictionary<string, RequestDelegate>(StringComparer.Ordinal)
    {
        ["truncated-json"] = c => Write(c, 200, "application/json", """{"id":"x","choices":[{"message":{"cont"""),
        ["truncated-json-500"] = c => Write(c, 500, "application/json", """{"error":{"message":"boo"""),
        ["html-200"] = c => Write(c, 200, "text/html", "<html><body><h1>Welcome to nginx!</h1></body></html>"),
        ["html-502"] = c => Write(c, 502, "text/html", "<html><head><title>502 Bad Gateway</title></head><body>cloudflare</body></html>"),
        ["html-login-200"] = c => Write(c, 200, "text/html; charset=utf-8", "<!DOCTYPE html><form action=/login>captive portal</form>"),
        ["body-50mb-200"] = c => Huge(c, 200, 50),
        ["body-50mb-500"] = c => Huge(c, 500, 50),
        ["wrong-content-type"] = c => Write(c, 200, "image/png", """{"choices":[{"message":{"content":"h"}}]}"""),
        ["no-content-type"] = c => Write(c, 200, null, """{"choices":[{"message":{"content":"h"}}]}"""),
        ["event-stream"] = c => Write(c, 200, "text/event-stream", "data: {\"choices\":[{\"delta\":{\"content\":\"h\"}}]}\n\n"),
        ["never-ending-body"] = Trickle,
        ["headers-then-silence"] = HeadersThenSilence,
        ["invalid-utf8-200"] = c => WriteBytes(c, 200, "application/json", [0x7B, 0x22, 0xC3, 0x28, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D]),
        ["invalid-utf8-400"] = c => WriteBytes(c, 400, "application/json", [.. "{\"error\":{\"message\":\""u8.ToArray(), 0xED, 0xA0, 0x80, 0xC0, 0xAF, .. "\"}}"u8.ToArray()]),
        ["nul-bytes"] = c => WriteBytes(c, 200, "application/json", new byte[4096]),
        ["huge-header"] = c => { c.Response.Headers["X-Huge"] = new string('h', 256 * 1024); return Write(c, 200, "application/json", "{}"); },
        ["many-headers"] = c => { for (var i = 0; i < 5000; i++) { c.Response.Headers[$"X-H{i}"] = "v"; } return Write(c, 200, "application/json", "{}"); },
        ["gzip-garbage"] = c => { c.Response.Headers.ContentEncoding = "gzip"; return WriteBytes(c, 200, "application/json", [0x1F, 0x8B, 0x08, 0x00, 0xDE, 0xAD, 0xBE, 0xEF, 0x00, 0x01]); },
        ["empty-200"] = c => Write(c, 200, "application/json", string.Empty),
        ["empty-500"] = c => Write(c, 500, "application/json", string.Empty),
        ["no-content-204"] = c => { c.Response.StatusCode = 204; return Task.CompletedTask; },
        ["json-array"] = c => Write(c, 200, "application/json", "[]"),
        ["json-null"] = c => Write(c, 200, "application/json", "null"),
        ["json-deep-nesting"] = c => Write(c, 400, "application/json", new string('[', 100_000)),
        ["json-wrong-types"] = c => Write(c, 200, "application/json", """{"choices":"yes","usage":[1,2],"error":7}"""),
        ["json-empty-choices"] = c => Write(c, 200, "application/json", """{"choices":[]}"""),
        ["error-1mb-message"] = c => Write(c, 429, "application/json", "{\"error\":{\"message\":\"" + new string('q', 1024 * 1024) + "\"}}"),
        ["retry-after-absurd"] = c => { c.Response.Headers.RetryAfter = "99999999999999999999"; return Write(c, 429, "application/json", "{}"); },
        ["retry-after-negative"] = c => { c.Response.Headers.RetryAfter = "-5"; return Write(c, 503, "application/json", "{}"); },
        ["status-418"] = c => Write(c, 418, "text/plain", "I'm a teapot"),
        ["status-599"] = c => Write(c, 599, "application/json", "{}"),
        ["redirect-loop"] = c => { c.Response.StatusCode = 302; c.Response.Headers.Location = c.Request.Path.Value; return Task.CompletedTask; },
        ["redirect-file"] = c => { c.Response.StatusCode = 301; c.Response.Headers.Location = "file:///etc/passwd"; return Task.CompletedTask; },
        ["short-content-length"] = ShortContentLength,
        ["bogus-charset"] = c => Write(c, 200, "application/json; charset=x-klingon", """{"choices":[{"message":{"content":"h"}}]}"""),
    };

    private static Task Write(HttpContext c, int status, string? contentType, string body) =>
        WriteBytes(c, status, contentType, Encoding.UTF8.GetBytes(body));

    private static async Task WriteBytes(HttpContext c, int status, string? contentType, byte[] body)
    {
        c.Response.StatusCode = status;
        c.Response.ContentType = contentType;
        await c.Response.Body.WriteAsync(body, c.RequestAborted);
    }

    private static async Task Huge(HttpContext c, int status, int megabytes)
    {
        c.Response.StatusCode = status;
        c.Response.ContentType = "application/json";
        c.Response.ContentLength = megabytes * 1024L * 1024;
        try
        {
            for (var i = 0; i < megabytes * 16; i++)
            {
                await c.Response.Body.WriteAsync(Chunk, c.RequestAborted);
            }
        }
        catch (OperationCanceledException)
        {
            // The client stopped reading: the point of the test.
        }
    }

    private static async Task Trickle(HttpContext c)
    {
        c.Response.StatusCode = 200;
        c.Response.ContentType = "application/json";
        try
        {
            await c.Response.Body.WriteAsync("{\"choices\":["u8.ToArray(), c.RequestAborted);
            while (!c.RequestAborted.IsCancellationRequested)
            {
                await c.Response.Body.WriteAsync(" "u8.ToArray(), c.RequestAborted);
                await c.Response.Body.FlushAsync(c.RequestAborted);
                await Task.Delay(100, c.RequestAborted);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task HeadersThenSilence(HttpContext c)
    {
        c.Response.StatusCode = 200;
        c.Response.ContentType = "application/json";
        try
        {
            await c.Response.StartAsync(c.RequestAborted);
            await Task.Delay(Timeout.Infinite, c.RequestAborted);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task ShortContentLength(HttpContext c)
    {
        c.Response.StatusCode = 200;
        c.Response.ContentType = "application/json";
        c.Response.ContentLength = 10_000;
        await c.Response.Body.WriteAsync("{\"choices\":"u8.ToArray(), c.RequestAborted);
        await c.Response.Body.FlushAsync(c.RequestAborted);
        c.Abort();
    }
}
