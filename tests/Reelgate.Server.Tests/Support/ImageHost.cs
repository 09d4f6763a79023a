using System.Net;
using System.Net.Sockets;

namespace Reelgate.Server.Tests.Support;

/// A loopback HTTP server that serves one body at /image and 404 elsewhere: the "remote" image.
public sealed class ImageHost : IAsyncDisposable
{
    readonly HttpListener listener = new();
    readonly Task loop;

    ImageHost(byte[] body, int port)
    {
        Url = $"http://127.0.0.1:{port}/image";
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        loop = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                HttpListenerContext ctx;
                try { ctx = await listener.GetContextAsync(); } catch (Exception) { return; }
                if (ctx.Request.Url!.AbsolutePath == "/image")
                {
                    ctx.Response.ContentLength64 = body.Length;
                    await ctx.Response.OutputStream.WriteAsync(body);
                }
                else ctx.Response.StatusCode = 404;
                ctx.Response.Close();
            }
        });
    }

    public string Url { get; }

    public static Task<ImageHost> StartAsync(byte[] body)
    {
        var port = Ports.Free();
        return Task.FromResult(new ImageHost(body, port));
    }

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        await loop;
    }
}
