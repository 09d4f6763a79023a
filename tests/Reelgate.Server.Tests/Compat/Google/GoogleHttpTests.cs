using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Compat.Google;

/// The Google surface over raw HTTP: google.rpc error envelopes (our code in ErrorInfo.reason),
/// the key as `x-goog-api-key` or `?key=`, and Idempotency-Key on the create.
[Collection(SharedServerCollection.Name)]
public sealed class GoogleHttpTests(SharedServer shared)
{
    const string Create = "/v1beta/models/veo-3.1-fast-generate-preview:predictLongRunning";
    const string Text = """{"instances":[{"prompt":"a quiet lake"}],"parameters":{"durationSeconds":4}}""";

    static void AssertError(JsonNode body, int code, string status, string reason)
    {
        var error = body["error"]!;
        Assert.Equal((code, status), (error["code"]!.GetValue<int>(), error.Str("status")));
        Assert.False(string.IsNullOrEmpty(error.Str("message")));
        var info = error["details"]![0]!;
        Assert.Equal(("type.googleapis.com/google.rpc.ErrorInfo", reason, "reelgate"), (info.Str("@type"), info.Str("reason"), info.Str("domain")));
    }

    async Task<HttpClient> GoogleClientAsync()
    {
        var key = (await (await shared.Server.Admin.PostAsJsonAsync("/v1/keys", new { name = "google-http" })).Json()).Str("secret");
        var c = new HttpClient { BaseAddress = shared.Server.BaseUrl };
        c.DefaultRequestHeaders.Add("x-goog-api-key", key);
        return c;
    }

    [Fact]
    public async Task Create_WithUnsupportedDuration_Is400InvalidArgument_NamingGooglesField()
    {
        using var c = await GoogleClientAsync();
        var res = await c.PostJson(Create, """{"instances":[{"prompt":"a quiet lake"}],"parameters":{"durationSeconds":5}}""");
        var body = await res.Json();
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        AssertError(body, 400, "INVALID_ARGUMENT", "unsupported_value");
        Assert.Equal("parameters.durationSeconds", body["error"]!["details"]![0]!["metadata"]!.Str("param"));

        var vertex = await c.PostJson("/v1beta1/publishers/google/models/veo-3.1-fast-generate-preview:predictLongRunning", """{"instances":[]}""");
        AssertError(await vertex.Json(), 400, "INVALID_ARGUMENT", "invalid_parameter");
    }

    [Fact]
    public async Task MissingOrUnknownKey_Is401Unauthenticated_InBothModes()
    {
        using var anonymous = new HttpClient { BaseAddress = shared.Server.BaseUrl };
        var res = await anonymous.PostJson(Create, Text);
        Assert.Equal(HttpStatusCode.Unauthorized, res.StatusCode);
        AssertError(await res.Json(), 401, "UNAUTHENTICATED", "missing_api_key");

        var vertex = await anonymous.PostJson("/v1beta1/projects/p/locations/l/publishers/google/models/m:fetchPredictOperation?key=rg_not_a_key", """{"operationName":"x"}""");
        Assert.Equal(HttpStatusCode.Unauthorized, vertex.StatusCode);
        AssertError(await vertex.Json(), 401, "UNAUTHENTICATED", "invalid_api_key");
    }

    [Fact]
    public async Task Operation_ReadWithKeyInQuery_AndUnknownOperationIs404()
    {
        using var c = await GoogleClientAsync();
        var name = (await (await c.PostJson(Create, Text)).Json()).Str("name");
        var key = c.DefaultRequestHeaders.GetValues("x-goog-api-key").Single();
        using var anonymous = new HttpClient { BaseAddress = shared.Server.BaseUrl };
        var op = await (await anonymous.GetAsync($"/v1beta/{name}?key={key}")).Json();
        Assert.Equal(name, op.Str("name"));

        var missing = await c.GetAsync("/v1beta/models/veo-3.1-fast-generate-preview/operations/0123456789abcdef0123456789abcdef");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        AssertError(await missing.Json(), 404, "NOT_FOUND", "not_found");
    }

    [Fact]
    public async Task Create_WithIdempotencyKey_ReplaysTheSameOperation()
    {
        using var c = await GoogleClientAsync();
        async Task<HttpResponseMessage> Send(string body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Create) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Add("Idempotency-Key", "google-idem-1");
            return await c.SendAsync(request);
        }
        var first = await Send(Text);
        var again = await Send(Text);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, again.StatusCode));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());

        var other = await Send("""{"instances":[{"prompt":"another lake"}],"parameters":{"durationSeconds":4}}""");
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
        Assert.Equal("INVALID_ARGUMENT", (await other.Json())["error"]!.Str("status"));
    }
}
