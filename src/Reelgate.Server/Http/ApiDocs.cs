namespace Reelgate.Server.Http;

internal static class ApiDocs
{
    /// A browsable page over the OpenAPI document at /docs.
    /// Only requests under /docs pass through the UI middleware.
    public static void UseApiDocs(this WebApplication app) =>
        app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments("/docs"), docs => docs.UseSwaggerUI(o =>
        {
            o.RoutePrefix = "docs";
            o.SwaggerEndpoint("/openapi/v1.json", "Reelgate v1");
            o.DocumentTitle = "Reelgate API";
        }));
}
