using System.Net;
using System.Net.Http.Json;
using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Compat.Doitong;

/// Seed 001's REST surface and its callback: POST /v1/text_to_video with `X-API-Key`, read back
/// with GET /v1/text_to_video/{id}, the webhook in the seed's shape with X-Doitong-Signature.
public sealed class DoitongRestTests(DoitongServer fixture) : IClassFixture<DoitongServer>
{
    static string SeedBody(string webhookUrl) => $$"""
        {
        "service": "veo3",
        "prompt": "A serene landscape with mountains and a lake at sunset",
        "duration": 5,
        "aspectRatio": "16:9",
        "version": "veo-3",
        "webhookUrl": "{{webhookUrl}}"
        }
        """;

    [Fact]
    public async Task SeedRequest_AnswersGeneratevideo_ReadsBack_DownloadsWithoutKey_AndSendsTheSignedSeedWebhook()
    {
        var key = await fixture.KeyAsync();
        var secret = (await (await fixture.Server.ClientFor(key).PostAsync("/v1/webhooks/callback_secret", null)).Json()).Str("secret");
        var client = fixture.RestClient(key);
        var hook = fixture.Receiver.Url + "/doitong";
        var res = await client.PostAsync("/v1/text_to_video", DoitongServer.Json(SeedBody(hook)));
        var body = await res.Json();
        Assert.True(res.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        var created = body["data"]!["generatevideo"]!;
        Assert.Equal(("processing", hook, 6), (created.Str("status"), created.Str("webhookUrl"), created["duration"]!.GetValue<int>()));
        Assert.Null(created["url"]);
        var id = created.Str("id");

        var received = (await fixture.Receiver.WaitForAsync(r => r.Any(x => x.Path == "/hook/doitong" && x.Json["id"]?.GetValue<string>() == id)))
            .First(x => x.Path == "/hook/doitong" && x.Json["id"]?.GetValue<string>() == id);
        Assert.True(DoitongServer.DoitongSignatureVerifies(received.Headers.GetValueOrDefault("X-Doitong-Signature"), received.Body, secret));
        var payload = received.Json;
        Assert.Equal(["id", "status", "url", "service", "createdAt", "completedAt", "metadata"], payload.AsObject().Select(p => p.Key));
        Assert.Equal(("completed", "veo3"), (payload.Str("status"), payload.Str("service")));
        Assert.Equal(["duration", "width", "height"], payload["metadata"]!.AsObject().Select(p => p.Key));

        var read = (await (await client.GetAsync($"/v1/text_to_video/{id}")).Json())["data"]!["generatevideo"]!;
        Assert.Equal("completed", read.Str("status"));
        await fixture.DownloadAsync(read.Str("url"));
        Assert.Equal("doitong", (await (await fixture.Server.ClientFor(key).GetAsync($"/v1/videos/{id}")).Json()).Str("dialect"));
    }

    [Fact]
    public async Task IdempotencyKey_OnTextToVideo_ReplaysTheSameAnswer()
    {
        var client = fixture.RestClient(await fixture.KeyAsync());
        HttpRequestMessage Once() => new(HttpMethod.Post, "/v1/text_to_video")
        {
            Content = DoitongServer.Json("""{"service":"veo3","prompt":"once only"}"""), Headers = { { "Idempotency-Key", "doitong-rest-once" } },
        };
        var first = await client.SendAsync(Once());
        var second = await client.SendAsync(Once());
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
    }

    [Fact]
    public async Task Errors_UseTheSeedsEnvelopeAndStatuses_OnBothSurfaces()
    {
        var key = await fixture.KeyAsync();
        var rest = fixture.RestClient(key);
        var gql = fixture.GraphQLClient(key);
        const string Generate = "mutation($input: GenerateInput!) { generate(input: $input) { id } }";

        await ExpectAsync(await rest.PostAsync("/v1/text_to_video", DoitongServer.Json("""{"service":"veo3"}""")), 400, "BAD_USER_INPUT", "missing_parameter");
        await ExpectAsync((await DoitongServer.GraphQLAsync(gql, Generate, new { input = new { provider = "sora", input = new { text = "x" } } })).Res, 400, "BAD_USER_INPUT", "unknown_model");
        await ExpectAsync((await DoitongServer.GraphQLAsync(gql, "mutation { generate(")).Res, 400, "GRAPHQL_PARSE_FAILED", "graphql_parse_failed");
        await ExpectAsync((await DoitongServer.GraphQLAsync(gql, "{ nope }")).Res, 400, "GRAPHQL_VALIDATION_FAILED", "graphql_validation_failed");

        using var anonymous = fixture.NoKey();
        await ExpectAsync(await anonymous.PostAsync("/v1/text_to_video", DoitongServer.Json("""{"service":"veo3","prompt":"x"}""")), 401, "UNAUTHENTICATED", "missing_api_key");
        await ExpectAsync((await DoitongServer.GraphQLAsync(anonymous, Generate, new { input = new { input = new { text = "x" } } })).Res, 401, "UNAUTHENTICATED", "missing_api_key");
        await ExpectAsync(await rest.GetAsync("/v1/text_to_video/video_nope"), 404, "NOT_FOUND", "not_found");

        var poor = await fixture.KeyAsync("metered", credits: 0.0001m);
        var extensions = await ExpectAsync(await fixture.RestClient(poor).PostAsync("/v1/text_to_video", DoitongServer.Json("""{"service":"veo3","prompt":"x"}""")),
            402, "INSUFFICIENT_CREDITS", "insufficient_credits");
        Assert.True(extensions["creditsRequired"]!.GetValue<decimal>() > extensions["creditsAvailable"]!.GetValue<decimal>());
        await ExpectAsync((await DoitongServer.GraphQLAsync(fixture.GraphQLClient(poor), Generate, new { input = new { input = new { text = "x" } } })).Res,
            402, "INSUFFICIENT_CREDITS", "insufficient_credits");
    }

    static async Task<System.Text.Json.Nodes.JsonNode> ExpectAsync(HttpResponseMessage res, int status, string code, string ours)
    {
        var body = await res.Json();
        Assert.True((int)res.StatusCode == status, $"{(int)res.StatusCode} {body.ToJsonString()}");
        var error = body["errors"]![0]!;
        Assert.False(string.IsNullOrEmpty(error.Str("message")));
        Assert.Equal((code, ours), (error["extensions"]!.Str("code"), error["extensions"]!.Str("reelgateCode")));
        return error["extensions"]!;
    }
}
