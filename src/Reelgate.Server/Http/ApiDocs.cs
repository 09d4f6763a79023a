namespace Reelgate.Server.Http;

internal static class ApiDocs
{
    /// A browsable page over the OpenAPI document at /docs.
    public static void UseApiDocs(this WebApplication app) => app.UseSwaggerUI(o =>
    {
        o.RoutePrefix = "docs";
        o.SwaggerEndpoint("/openapi/v1.json", "Reelgate v1");
        o.DocumentTitle = "Reelgate API";
    });
}
