using System.Net;
using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Compat.Doitong;

/// Seed 001's GraphQL surface through a real server: its own examples as printed (only host and
/// key changed), followed to a key-free MP4; introspection; image-to-video; idempotency.
public sealed class DoitongGraphQLTests(DoitongServer fixture) : IClassFixture<DoitongServer>
{
    // The seed's curl body, byte for byte.
    const string SeedCurlBody = """
        {
        "query": "mutation Generate($input: GenerateInput!) { generate(input: $input) { id status type provider url metadata creditCost } }",
        "variables": {
        "input": {
        "type": "VIDEO",
        "provider": "veo3",
        "input": {
        "text": "A serene landscape with mountains and a lake at sunset"
        },
        "options": {
        "duration": 5,
        "aspectRatio": "16:9"
        }
        }
        }
        }
        """;

    /// The seed's curl request: its body and its Idempotency-Key header.
    static HttpRequestMessage Seeded(string idempotencyKey) => new(HttpMethod.Post, "/graphql")
    {
        Content = DoitongServer.Json(SeedCurlBody), Headers = { { "Idempotency-Key", idempotencyKey } },
    };

    const string SeedMutation = "mutation Generate($input: GenerateInput!) { generate(input: $input) { id status type provider url metadata creditCost createdAt } }";

    [Fact]
    public async Task SeedCurlExample_Generates_ReportsSixSeconds_AndPollsToAKeyFreeMp4()
    {
        var client = fixture.GraphQLClient(await fixture.KeyAsync());
        var res = await client.SendAsync(Seeded("unique-request-id-123"));
        var body = await res.Json();
        Assert.True(res.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        var g = body["data"]!["generate"]!;
        Assert.Equal(("processing", "VIDEO", "veo3"), (g.Str("status"), g.Str("type"), g.Str("provider")));
        Assert.Null(g["url"]);
        // Veo 3 renders 4, 6 or 8 s: the seed's default 5 is a tie, taken up, and said so.
        Assert.Equal(6, g["metadata"]!["duration"]!.GetValue<int>());
        Assert.True(g["creditCost"]!.GetValue<decimal>() >= 0);

        var done = await DoitongServer.UntilDoneAsync(client, g.Str("id"));
        Assert.Equal("completed", done.Str("status"));
        await fixture.DownloadAsync(done.Str("url"));

        var native = await (await client.GetAsync($"/v1/videos/{g.Str("id")}")).Json();
        Assert.Equal("doitong", native.Str("dialect"));
    }

    [Fact]
    public async Task SeedFullExample_WithVersionAndHighQuality_Delivers1080pAtTheDurationItCanRender()
    {
        var client = fixture.GraphQLClient(await fixture.KeyAsync());
        var (res, body) = await DoitongServer.GraphQLAsync(client, SeedMutation, new
        {
            input = new
            {
                type = "VIDEO", provider = "veo3", input = new { text = "A serene landscape with mountains and a lake at sunset" },
                options = new { duration = 5, aspectRatio = "16:9", version = "veo-3", quality = "high" },
            },
        });
        Assert.True(res.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        var meta = body["data"]!["generate"]!["metadata"]!;
        // 1080p on Veo 3 needs 8 s: the nearest duration it can render at that size.
        Assert.Equal((8, 1920, 1080), (meta["duration"]!.GetValue<int>(), meta["width"]!.GetValue<int>(), meta["height"]!.GetValue<int>()));
        Assert.EndsWith("Z", body["data"]!["generate"]!.Str("createdAt"));
    }

    [Fact]
    public async Task Introspection_DescribesGenerateInputAndTheMutation()
    {
        var client = fixture.GraphQLClient(await fixture.KeyAsync());
        var (res, body) = await DoitongServer.GraphQLAsync(client,
            "query IntrospectionQuery { __schema { queryType { name } mutationType { name fields { name args { name type { kind ofType { name } } } } } types { name kind } } }");
        Assert.True(res.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        var schema = body["data"]!["__schema"]!;
        Assert.Equal("Mutation", schema["mutationType"]!.Str("name"));
        var types = schema["types"]!.AsArray().Select(t => t!.Str("name")).ToList();
        Assert.Contains("GenerateInput", types);
        Assert.Contains("Generation", types);
        var generate = schema["mutationType"]!["fields"]!.AsArray().Single(f => f!.Str("name") == "generate")!;
        Assert.Equal("GenerateInput", generate["args"]![0]!["type"]!["ofType"]!.Str("name"));
    }

    [Fact]
    public async Task ImageToVideo_ThroughInputImage_RendersFromTheFirstFrame()
    {
        await using var host = await ImageHost.StartAsync(await Ffprobe.MakeImageAsync(1280, 720, "jpg"));
        var client = fixture.GraphQLClient(await fixture.KeyAsync());
        var (res, body) = await DoitongServer.GraphQLAsync(client, SeedMutation, new
        {
            input = new { type = "VIDEO", provider = "veo3", input = new { text = "the lake comes alive", image = host.Url }, options = new { duration = 5 } },
        });
        Assert.True(res.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        var id = body["data"]!["generate"]!.Str("id");
        Assert.Equal("completed", (await DoitongServer.UntilDoneAsync(client, id)).Str("status"));
        var native = await (await client.GetAsync($"/v1/videos/{id}")).Json();
        Assert.Equal("first_frame", native.Str("generation_type"));
    }

    [Fact]
    public async Task IdempotencyKey_OnGenerate_ReplaysTheSameAnswer_AndCreatesOneTask()
    {
        var client = fixture.GraphQLClient(await fixture.KeyAsync());
        var first = await client.SendAsync(Seeded("doitong-graphql-once"));
        var second = await client.SendAsync(Seeded("doitong-graphql-once"));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        var (_, list) = await DoitongServer.GraphQLAsync(client, "{ generations(first: 10) { nodes { id } pageInfo { hasNextPage endCursor } } }");
        Assert.Single(list["data"]!["generations"]!["nodes"]!.AsArray());
    }
}
