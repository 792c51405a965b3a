using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Guard.Drill;

/// <summary>
/// A minimal HTTP server on 127.0.0.1 for the drills (Native AOT has no Kestrel): <see cref="HttpListener"/> on a free
/// port, each request answered by a handler that returns status and JSON body.
/// </summary>
public sealed class DrillHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<string, string, string, (int Status, string Body)> _handler;
    private readonly Task _loop;

    private DrillHttpServer(int port, Func<string, string, string, (int Status, string Body)> handler)
    {
        _handler = handler;
        BaseUrl = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(BaseUrl + "/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public string BaseUrl { get; }

    /// <summary>Starts on a free port; <paramref name="handler"/> gets (method, path, request body).</summary>
    public static DrillHttpServer Start(Func<string, string, string, (int Status, string Body)> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new DrillHttpServer(FreePort(), handler);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                // Another process took the port between probing and binding; pick another.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Close();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            string body;
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
            {
                body = await reader.ReadToEndAsync().ConfigureAwait(false);
            }

            var (status, reply) = _handler(context.Request.HttpMethod, context.Request.Url?.AbsolutePath ?? "/", body);
            var bytes = Encoding.UTF8.GetBytes(reply);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client went away (a probe timed out); nothing to answer.
        }
    }
}
