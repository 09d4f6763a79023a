using System.Net;
using Google.Apis.Auth.OAuth2;
using Google.Apis.Auth.OAuth2.Responses;

namespace Reelgate.Server.Providers.Vertex;

/// Where the Vertex adapter gets its bearer token: a seam so tests need no Google. Throws
/// ProviderException when the credentials were refused, HttpRequestException when the token
/// endpoint could not be reached (a retry may help).
internal interface IAccessTokenSource
{
    Task<string> GetAccessTokenAsync(CancellationToken ct);
}

/// OAuth2 tokens for a service account via Google.Apis.Auth, which caches and refreshes them.
internal sealed class ServiceAccountTokenSource : IAccessTokenSource
{
    public const string Scope = "https://www.googleapis.com/auth/cloud-platform";
    readonly ITokenAccess access;

    /// Only a service-account key is accepted: a credential JSON of another type can make the
    /// library run commands or call other hosts, so it is refused rather than trusted.
    public ServiceAccountTokenSource(string serviceAccountJson)
    {
        var credential = CredentialFactory.FromJson<ServiceAccountCredential>(serviceAccountJson).ToGoogleCredential().CreateScoped(Scope);
        access = credential.UnderlyingCredential as ITokenAccess
            ?? throw new InvalidOperationException("The service-account credential cannot issue access tokens.");
    }

    public static ServiceAccountTokenSource FromOptions(VertexOptions options) =>
        new(options.ReadCredentials() ?? throw new InvalidOperationException("Providers:Vertex needs CredentialsFile or CredentialsJson."));

    public async Task<string> GetAccessTokenAsync(CancellationToken ct)
    {
        try
        {
            return await access.GetAccessTokenForRequestAsync(cancellationToken: ct);
        }
        catch (TokenResponseException e) when (e.StatusCode is HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError)
        {
            throw new HttpRequestException($"Google's token endpoint answered HTTP {(int)e.StatusCode!}.", e);
        }
        catch (TokenResponseException e)
        {
            throw new ProviderException("provider_auth_failed",
                $"Google refused the service account's credentials ({e.Error?.Error ?? "no reason given"}).", e, accepted: false);
        }
    }
}
