using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Reelgate.Server.Http;

/// Every error leaves as application/problem+json with code, message, param and trace_id, or in
/// the envelope of the dialect whose endpoint it came from (Compat.ErrorEnvelope).
internal static class Problems
{
    public static IResult Result(ApiError e) => new ProblemResult(e);

    public static async Task WriteAsync(HttpContext ctx, ApiError e)
    {
        ctx.Response.StatusCode = e.Status;
        ctx.Response.Headers[RequestIds.Header] = ctx.TraceIdentifier; // the exception handler clears headers
        ctx.Response.ContentType = "application/problem+json";
        // SDKs that retry (OpenAI's retries 408, 409, 429 and 5xx) honour this: a retry cannot fix
        // the other client errors, and must not be sent.
        if (e.Status is >= 400 and < 500 and not (408 or 409 or 429)) ctx.Response.Headers["x-should-retry"] = "false";
        foreach (var (name, value) in e.Headers ?? []) ctx.Response.Headers[name] = value;
        await using var w = new Utf8JsonWriter(ctx.Response.Body);
        if (Compat.ErrorEnvelope.Of(ctx) is { } dialect)
        {
            ctx.Response.StatusCode = dialect.Status(e);
            ctx.Response.ContentType = dialect.ContentType;
            dialect.Write(w, e, ctx);
            await w.FlushAsync();
            return;
        }
        w.WriteStartObject();
        w.WriteString("type", $"https://reelgate.dev/errors/{e.Code}");
        w.WriteString("title", e.Code);
        w.WriteNumber("status", e.Status);
        w.WriteString("detail", e.Message);
        w.WriteString("code", e.Code);
        w.WriteString("message", e.Message);
        if (e.Param is null) w.WriteNull("param"); else w.WriteString("param", e.Param);
        w.WriteString("trace_id", ctx.TraceIdentifier);
        foreach (var (name, value) in e.Extra ?? []) w.WriteNumber(name, value);
        // OpenAI-style envelope too, so SDKs that read error.message show the reason.
        w.WriteStartObject("error");
        w.WriteString("code", e.Code);
        w.WriteString("message", e.Message);
        if (e.Param is null) w.WriteNull("param"); else w.WriteString("param", e.Param);
        w.WriteString("type", e.Status >= 500 ? "server_error" : "invalid_request_error");
        w.WriteEndObject();
        w.WriteEndObject();
        await w.FlushAsync();
    }

    /// Maps what escapes a handler: framework rejections of bad input stay 4xx; the rest is a 500.
    public static void UseProblemErrors(this WebApplication app)
    {
        app.UseExceptionHandler(b => b.Run(ctx =>
        {
            var ex = ctx.Features.Get<IExceptionHandlerFeature>()?.Error;
            var error = ex switch
            {
                BadHttpRequestException { StatusCode: 413 } => new ApiError(413, "request_too_large", "The request body is larger than this endpoint accepts."),
                BadHttpRequestException b2 => new ApiError(b2.StatusCode, "bad_request", b2.Message),
                OperationCanceledException when ctx.RequestAborted.IsCancellationRequested => new ApiError(499, "client_closed_request", "The client closed the request."),
                _ => new ApiError(500, "internal_error", "An unexpected error occurred; the trace_id identifies it in the server log."),
            };
            return WriteAsync(ctx, error);
        }));
        app.UseStatusCodePages(ctx => ctx.HttpContext.Response.HasStarted ? Task.CompletedTask : ctx.HttpContext.Response.StatusCode switch
        {
            404 => WriteAsync(ctx.HttpContext, new ApiError(404, "route_not_found", $"No route matches {ctx.HttpContext.Request.Method} {ctx.HttpContext.Request.Path}.")),
            405 => WriteAsync(ctx.HttpContext, new ApiError(405, "method_not_allowed", $"{ctx.HttpContext.Request.Method} is not allowed on {ctx.HttpContext.Request.Path}.")),
            415 => WriteAsync(ctx.HttpContext, new ApiError(415, "unsupported_media_type", "Send application/json or multipart/form-data.", "Content-Type")),
            _ => Task.CompletedTask,
        });
    }

    sealed class ProblemResult(ApiError error) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => error.Status;
        public Task ExecuteAsync(HttpContext httpContext) => WriteAsync(httpContext, error);
    }
}
