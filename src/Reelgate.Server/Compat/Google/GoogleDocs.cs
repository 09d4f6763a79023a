using System.Text.Json.Nodes;

namespace Reelgate.Server.Compat.Google;

/// The Google answers for the OpenAPI document (the bodies are written by GoogleOperations and
/// GoogleEnvelope): a google.longrunning.Operation and the google.rpc error body.
internal sealed record GoogleOperation(string Name, bool? Done, JsonObject? Metadata, JsonObject? Response, GoogleStatus? Error);

internal sealed record GoogleStatus(int Code, string Message, string Status, JsonArray Details);

internal sealed record GoogleErrorBody(GoogleStatus Error);

internal static class GoogleDocs
{
    public static RouteHandlerBuilder Documented(this RouteHandlerBuilder endpoint) =>
        endpoint.Produces<GoogleOperation>().Produces<GoogleErrorBody>(400).Produces<GoogleErrorBody>(401)
            .Produces<GoogleErrorBody>(404).Produces<GoogleErrorBody>(429);
}
