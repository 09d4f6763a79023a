using System.Net;
using System.Net.Http.Json;
using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Catalog;

[Collection(SharedServerCollection.Name)]
public sealed class ModelsAndSurfaceTests(SharedServer shared)
{
    readonly ServerProcess server = shared.Server;

    [Fact]
    public async Task Models_ListTheCatalogueWithAliasesCapabilitiesAndProvider()
    {
        var api = await server.NewAccountAsync();
        var models = (await (await api.GetAsync("/v1/models")).Json())["data"]!.AsArray();
        Assert.Equal(
            ["veo-3.1-generate-preview", "veo-3.1-fast-generate-preview", "veo-3.1-generate-001", "veo-3.1-fast-generate-001", "veo-3.1-lite-generate-001",
             "veo-3.0-generate-001", "veo-3.0-fast-generate-001", "veo-2.0-generate-001"],
            models.Select(m => m!.Str("id")));
        var aliases = models.SelectMany(m => m!["aliases"]!.AsArray().Select(a => a!.GetValue<string>())).ToHashSet();
        foreach (var name in new[] { "veo3", "veo3-fast", "veo3.1", "veo3.1-fast", "veo3.1-pro", "veo2", "veo2-fast" })
            Assert.Contains(name, aliases);
        Assert.All(models, m => Assert.Equal("local", m!.Str("provider")));
        var veo31 = models[0]!["capabilities"]!;
        Assert.Equal([4, 6, 8], veo31["durations"]!.AsArray().Select(d => d!.GetValue<int>()));
        Assert.Contains("4k", veo31["resolutions"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal(3, veo31["max_reference_images"]!.GetValue<int>());
        Assert.True(veo31["audio"]!.GetValue<bool>());
        var veo2 = models[7]!;
        Assert.False(veo2["capabilities"]!["audio"]!.GetValue<bool>());
        Assert.Equal(new DateTimeOffset(2026, 6, 30, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), veo2["shutdown_at"]!.GetValue<long>());
        Assert.Equal("veo-3.1-fast-generate-001", veo2.Str("replacement"));
        Assert.Null(models[0]!["deprecated_at"]);

        // Veo 3.0 Fast was shut down on 2026-06-30 (the Gemini API's date); its alias now reaches Veo 3.1 Fast.
        var res = await api.PostAsJsonAsync("/v1/videos", new { model = "veo3-fast", prompt = "alias check", duration = 4 });
        Assert.Equal(HttpStatusCode.Accepted, res.StatusCode);
        Assert.Equal("Tue, 30 Jun 2026 00:00:00 GMT", res.Headers.GetValues("Sunset").Single());
        Assert.Equal("@1782777600", res.Headers.GetValues("Deprecation").Single());
        var alias = await res.Json();
        Assert.Equal("veo-3.1-fast-generate-001", alias.Str("model"));
        Assert.Equal("model_replaced", alias["notice"]!.Str("code"));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/v1/models/veo3.1-pro")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/v1/models/veo9")).StatusCode);
    }

    [Fact]
    public async Task HealthReadinessOpenApiAndDocs_AreServed_WithRequestIds()
    {
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        var ready = await http.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var checks = (await ready.Json())["checks"]!;
        Assert.Equal("ok", checks.Str("database"));
        Assert.Equal("ok", checks.Str("ffmpeg"));
        Assert.Equal("ok", checks.Str("storage"));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
        var openapi = await (await http.GetAsync("/openapi/v1.json")).Json();
        Assert.NotNull(openapi["paths"]!["/v1/videos"]);
        Assert.NotNull(openapi["paths"]!["/v1/videos/{id}/content"]);
        var docs = await http.GetAsync("/docs/index.html");
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Contains("swagger", (await docs.Content.ReadAsStringAsync()).ToLowerInvariant());

        var mine = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        mine.Headers.Add("X-Request-Id", "client-chosen-id-1");
        Assert.Equal("client-chosen-id-1", (await http.SendAsync(mine)).Headers.GetValues("X-Request-Id").Single());
        var unknown = await http.GetAsync("/v1/nothing-here");
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Metrics_ArePrometheusText_WithQueueDepthRendersAndRequests()
    {
        var api = await server.NewAccountAsync();
        var id = (await api.CreateVideoAsync(new { prompt = "counted", duration = 4, generate_audio = false })).Str("id");
        await api.WaitAsync(id);
        using var http = new HttpClient { BaseAddress = server.BaseUrl };
        var res = await http.GetAsync("/metrics");
        Assert.Equal("text/plain", res.Content.Headers.ContentType!.MediaType);
        var text = await res.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE reelgate_tasks gauge", text);
        Assert.Matches(@"reelgate_tasks\{status=""completed""\} [1-9]", text);
        Assert.Matches(@"reelgate_claims_total [1-9]", text);
        Assert.Matches(@"reelgate_render_duration_seconds_count [1-9]", text);
        Assert.Matches(@"reelgate_http_requests_total\{route=""/v1/videos/\{id\}"",code=""200""\} [1-9]", text);
    }
}
