using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Web;
using Reelgate.Server.Providers;
using Reelgate.Server.Providers.Vertex;
using static Reelgate.Server.Tests.Providers.Veo.VeoFake;

namespace Reelgate.Server.Tests.Providers.Veo;

/// A real service-account key (made here) through Google.Apis.Auth against a fake token endpoint:
/// the library signs a JWT, the fake checks it with the public key and hands out a token.
public sealed class ServiceAccountTokenTests
{
    const string Email = "reelgate-test@test-project.iam.gserviceaccount.com";
    const string AccessToken = "ya29.from-the-fake-token-endpoint";

    static string KeyJson(RSA rsa, string tokenUri, string type = "service_account") => new JsonObject
    {
        ["type"] = type,
        ["project_id"] = "test-project",
        ["private_key_id"] = "0123456789abcdef",
        ["private_key"] = rsa.ExportPkcs8PrivateKeyPem(),
        ["client_email"] = Email,
        ["client_id"] = "100000000000000000001",
        ["token_uri"] = tokenUri,
    }.ToJsonString();

    /// The JWT-bearer grant a service account sends to its token_uri: signed by its key, for the
    /// cloud-platform scope. The library keeps Google's token endpoint as the audience.
    static Func<Request, string?> SignedGrant(RSA rsa) => request =>
    {
        var form = HttpUtility.ParseQueryString(request.Body);
        if (form["grant_type"] != "urn:ietf:params:oauth:grant-type:jwt-bearer") return $"grant_type was {form["grant_type"]}";
        var parts = (form["assertion"] ?? "").Split('.');
        if (parts.Length != 3) return "assertion is not a JWT";
        var signed = Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}");
        if (!rsa.VerifyData(signed, Base64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)) return "JWT signature does not verify";
        var header = JsonNode.Parse(Base64Url(parts[0]))!;
        var claims = JsonNode.Parse(Base64Url(parts[1]))!;
        if (header["alg"]?.GetValue<string>() != "RS256") return $"alg was {header["alg"]}";
        if (claims["iss"]?.GetValue<string>() != Email) return $"iss was {claims["iss"]}";
        if (claims["aud"]?.GetValue<string>() != "https://oauth2.googleapis.com/token") return $"aud was {claims["aud"]}";
        if (claims["scope"]?.GetValue<string>() != ServiceAccountTokenSource.Scope) return $"scope was {claims["scope"]}";
        return null;
    };

    static byte[] Base64Url(string s) => Convert.FromBase64String(s.Replace('-', '+').Replace('_', '/').PadRight(s.Length + (4 - s.Length % 4) % 4, '='));

    [Fact]
    public async Task ServiceAccountJson_GetsATokenFromTheTokenUri_WhichVertexSendsAndReuses()
    {
        await using var google = Start();
        using var rsa = RSA.Create(2048);
        var tokenUri = $"{google.BaseUrl}/token";
        google.Vars["ACCESS_TOKEN"] = AccessToken;
        google.Vars["OPERATION"] = "projects/test-project/locations/us-central1/publishers/google/models/veo-3.1-generate-001/operations/1";
        var bearer = new Dictionary<string, string> { ["Authorization"] = $"Bearer {AccessToken}" };
        const string submit = "/v1/projects/test-project/locations/us-central1/publishers/google/models/veo-3.1-generate-001:predictLongRunning";
        google.Expect("POST", "/token", Reply.Json("vertex/token-response.json"), check: SignedGrant(rsa))
            .Expect("POST", submit, Reply.Json("vertex/operation-created.json"), bearer)
            .Expect("POST", submit, Reply.Json("vertex/operation-created.json"), bearer);
        var tokens = ServiceAccountTokenSource.FromOptions(new VertexOptions { CredentialsJson = KeyJson(rsa, tokenUri) });
        var (provider, _) = VertexProviderTests.Create(google.BaseUrl, tokens);
        var job = new ProviderJob("t", VeoTestData.Request(), [], VeoTestData.NewWorkDir());
        var model = new UpstreamModel("veo-3.1-generate-001", true);

        await provider.SubmitAsync(job, model, CancellationToken.None);
        await provider.SubmitAsync(job, model, CancellationToken.None);

        google.Verify();
    }

    [Fact]
    public async Task CredentialsFile_IsReadLikeInlineJson()
    {
        await using var google = Start();
        using var rsa = RSA.Create(2048);
        var tokenUri = $"{google.BaseUrl}/token";
        var file = Path.Combine(VeoTestData.NewWorkDir(), "sa.json");
        await File.WriteAllTextAsync(file, KeyJson(rsa, tokenUri));
        google.Vars["ACCESS_TOKEN"] = AccessToken;
        google.Expect("POST", "/token", Reply.Json("vertex/token-response.json"), check: SignedGrant(rsa));

        var token = await ServiceAccountTokenSource.FromOptions(new VertexOptions { CredentialsFile = file }).GetAccessTokenAsync(CancellationToken.None);


        google.Verify();
        Assert.Equal(AccessToken, token);
    }

    [Fact]
    public async Task RefusedCredentials_AreAnAuthFailureNotAccepted_WithoutTheKey()
    {
        await using var google = Start();
        using var rsa = RSA.Create(2048);
        google.Expect("POST", "/token", Reply.Json("vertex/token-refused.json", 400));
        var json = KeyJson(rsa, $"{google.BaseUrl}/token");

        var e = await Assert.ThrowsAsync<ProviderException>(() => new ServiceAccountTokenSource(json).GetAccessTokenAsync(CancellationToken.None));

        google.Verify();
        Assert.Equal(("provider_auth_failed", false), (e.Code, e.Accepted));
        Assert.Contains("invalid_grant", e.Message);
        Assert.DoesNotContain("PRIVATE KEY", e.ToString());
    }

    [Fact]
    public async Task TokenEndpointOutage_AfterTheLibrarysRetries_IsAnHttpFailureToRetryLater()
    {
        await using var google = Start();
        using var rsa = RSA.Create(2048);
        for (var i = 0; i < 3; i++)
            google.Expect("POST", "/token", new Reply(503, Text: """{"error":"temporarily_unavailable"}"""), check: SignedGrant(rsa));
        var tokens = new ServiceAccountTokenSource(KeyJson(rsa, $"{google.BaseUrl}/token"));

        var e = await Assert.ThrowsAsync<HttpRequestException>(() => tokens.GetAccessTokenAsync(CancellationToken.None));

        google.Verify();
        Assert.Contains("HTTP 503", e.Message);
    }

    [Fact]
    public void CredentialsOfAnotherType_AreRefused()
    {
        using var rsa = RSA.Create(2048);

        Assert.Throws<InvalidOperationException>(() => new ServiceAccountTokenSource(KeyJson(rsa, "http://127.0.0.1:9/token", type: "external_account")));
        Assert.Throws<InvalidOperationException>(() => new ServiceAccountTokenSource(KeyJson(rsa, "http://127.0.0.1:9/token", type: "authorized_user")));
        Assert.Throws<InvalidOperationException>(() => ServiceAccountTokenSource.FromOptions(new VertexOptions()));
    }
}
