using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Reelgate.Server.Tests.Files;

/// A real Kestrel server on 127.0.0.1 serving images, oversized and slow bodies, errors and redirects.
public sealed class ImageServer : IAsyncLifetime
{
    public const int BigSize = 256 * 1024;

    private WebApplication? app;

    public string BaseUrl { get; private set; } = "";

    public int Port => new Uri(BaseUrl).Port;

    public string Url(string path) => BaseUrl + path;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseShutdownTimeout(TimeSpan.FromSeconds(2));
        app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");

        app.MapGet("/image.png", () => Results.Bytes(TestImages.Png, "image/png"));
        app.MapGet("/photo", () => Results.Bytes(TestImages.Jpeg, "application/octet-stream"));
        app.MapGet("/chunked.webp", (HttpContext context) => WriteChunkedAsync(context, TestImages.Webp));
        app.MapGet("/big.png", () => Results.Bytes(BigPng(), "image/png"));
        app.MapGet("/big-chunked.png", (HttpContext context) => WriteChunkedAsync(context, BigPng()));
        app.MapGet("/text", () => Results.Text("hello, this is not an image"));
        app.MapGet("/text-as.png", () => Results.Bytes(TestImages.Text, "image/png"));
        app.MapGet("/missing", () => Results.NotFound());
        app.MapGet("/slow-headers", (HttpContext context) => Task.Delay(Timeout.Infinite, context.RequestAborted));
        app.MapGet("/declared-huge.png", async (HttpContext context) =>
        {
            context.Response.ContentLength = 1L << 40;
            await context.Response.Body.WriteAsync(TestImages.Png, context.RequestAborted);
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        app.MapGet("/slow-body", async (HttpContext context) =>
        {
            await context.Response.StartAsync(context.RequestAborted);
            await context.Response.Body.WriteAsync(TestImages.Png.AsMemory(0, 16), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        app.MapGet("/redirect/{count:int}", (int count) =>
            Results.Redirect(count <= 1 ? "/image.png" : $"/redirect/{count - 1}"));
        app.MapGet("/redirect-to", (string url) => Results.Redirect(url));

        await app.StartAsync();
        BaseUrl = app.Urls.Single();
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }

    /// A valid PNG signature followed by padding, so only the size limit can reject it.
    private static byte[] BigPng()
    {
        var bytes = new byte[BigSize];
        TestImages.Png.CopyTo(bytes, 0);
        return bytes;
    }

    /// No Content-Length is set, so Kestrel uses chunked encoding and the client learns the size only by reading.
    private static async Task WriteChunkedAsync(HttpContext context, byte[] body)
    {
        context.Response.ContentType = "application/octet-stream";
        await context.Response.StartAsync(context.RequestAborted);
        foreach (var chunk in body.Chunk(4096))
        {
            await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }
}
