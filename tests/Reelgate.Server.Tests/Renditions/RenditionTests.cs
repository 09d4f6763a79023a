using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Reelgate.Server.Tests.Support;
using TestAccounts = Reelgate.Server.Tests.Billing.Accounts;

namespace Reelgate.Server.Tests.Renditions;

/// Renditions through the real HTTP API of a real server: asked at create (part of the task) and
/// later (queued rows made by the RenditionWorker), downloaded by name and by signed link, priced,
/// refunded when they fail and counted in the account's storage. VP9 fails on this server
/// (RenditionServer), which is how a failed rendition is shown to fail alone.
public sealed class RenditionTests(RenditionServer fixture) : IClassFixture<RenditionServer>
{
    readonly ServerProcess server = fixture.Server;
    const decimal Vp9Credits = 0.002m * 72 * 4; // Billing:Renditions:vp9_1080p30 × 72 credits/$ × 4 s

    [Fact]
    public async Task Create_WithRenditions_CompletesWithProbedEntries_AndAFailedOneFailsAlone_RefundedAtCompletion()
    {
        var (account, api) = await TestAccounts.CreateAsync(server, "metered", credits: 1000);
        var created = await api.CreateVideoAsync(new { prompt = "a red kite over green hills, slow pan", duration = 4, resolution = "720p", renditions = new[] { "h264_720p30", "vp9_1080p30" } });
        Assert.Equal(["h264_720p30", "vp9_1080p30"], created["renditions"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("duplicate", created.Str("fps_mode"));
        Assert.False(created["hls"]!.GetValue<bool>());
        var held = created["credits"]!.GetValue<decimal>();

        var done = await api.WaitAsync(created.Str("id"), seconds: 240);
        Assert.Equal("completed", done.Str("status"));
        var output = done["outputs"]![0]!;
        var entries = output["renditions"]!.AsArray().Select(n => n!).ToList();
        Assert.Equal(["h264_720p30", "vp9_1080p30"], entries.Select(e => e.Str("name")));

        var h264 = entries[0];
        Assert.Equal("completed", h264.Str("status"));
        Assert.Null(h264["error"]);
        Assert.False(h264["upscaled"]!.GetValue<bool>());
        var meta = h264["metadata"]!;
        Assert.Equal(1280, meta["width"]!.GetValue<int>());
        var bytes = await AssertServedAsync(api, h264, "video/mp4");
        var probe = await Ffprobe.ProbeAsync(bytes);
        Assert.Equal("h264", probe.Stream("video")!.Str("codec_name"));
        Assert.Equal(720, probe.Stream("video")!["height"]!.GetValue<int>());

        var vp9 = entries[1];
        Assert.Equal("failed", vp9.Str("status"));
        Assert.Equal("rendition_failed", vp9["error"]!.Str("code"));
        Assert.True(vp9["upscaled"]!.GetValue<bool>()); // 1080p from a 720p master
        Assert.Null(vp9["download_url"]);
        var failed = await (await api.GetAsync(vp9.Str("url"))).Json();
        Assert.Equal("rendition_failed", failed.Str("code"));

        // The failed rendition's share of the hold came back; the master and the H.264 rung are charged.
        Assert.Equal(held - Vp9Credits, done["credits"]!.GetValue<decimal>());
        Assert.Equal(1000 - (held - Vp9Credits), await TestAccounts.BalanceAsync(server, account));
        await TestAccounts.AssertLedgerConsistentAsync(server, account);
        var stored = (await (await server.Admin.GetAsync($"/v1/accounts/{account}")).Json())["storage_bytes"]!.GetValue<long>();
        Assert.True(stored > output["metadata"]!["size_bytes"]!.GetValue<long>() + meta["size_bytes"]!.GetValue<long>());
    }

    [Fact]
    public async Task Later_Renditions_GoQueuedToCompleted_ChargedWhenAccepted_RefundedWhenFailed_AndCountInStorage()
    {
        var (account, api) = await TestAccounts.CreateAsync(server, "metered", credits: 1000);
        var id = (await api.CreateVideoAsync(new { prompt = "waves on a pebble beach, static shot", duration = 4, resolution = "720p" })).Str("id");
        var done = await api.WaitAsync(id, seconds: 240);
        Assert.Empty(done["outputs"]![0]!["renditions"]!.AsArray());
        var balance = await TestAccounts.BalanceAsync(server, account);
        var storedBefore = await StoredAsync(account);

        var res = await api.PostAsJsonAsync($"/v1/videos/{id}/renditions", new { renditions = new[] { "h264_720p30", "vp9_1080p30" } });
        var accepted = await res.Json();
        Assert.Equal(HttpStatusCode.Accepted, res.StatusCode);
        Assert.All(accepted["outputs"]![0]!["renditions"]!.AsArray(), e => Assert.Contains(e!.Str("status"), new[] { "queued", "in_progress" }));
        Assert.Equal(balance - Vp9Credits, await TestAccounts.BalanceAsync(server, account));

        var finished = await api.WaitAsync(id, seconds: 240, until: t =>
            t["outputs"]![0]!["renditions"]!.AsArray().All(e => e!.Str("status") is "completed" or "failed"));
        var entries = finished["outputs"]![0]!["renditions"]!.AsArray().Select(n => n!).ToList();
        Assert.Equal("completed", entries[0].Str("status"));
        Assert.Equal("failed", entries[1].Str("status"));
        var bytes = await AssertServedAsync(api, entries[0], "video/mp4");
        Assert.Equal("h264", (await Ffprobe.ProbeAsync(bytes)).Stream("video")!.Str("codec_name"));
        Assert.Equal(balance, await TestAccounts.BalanceAsync(server, account));
        await TestAccounts.AssertLedgerConsistentAsync(server, account);
        Assert.Equal(storedBefore + bytes.Length, await StoredAsync(account));

        // Asked again: the completed one stays as it is (no charge); deleting the task gives all its storage back.
        var again = await api.PostAsJsonAsync($"/v1/videos/{id}/renditions", new { renditions = new[] { "h264_720p30" } });
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal("completed", (await again.Json())["outputs"]![0]!["renditions"]![0]!.Str("status"));
        Assert.Equal(balance, await TestAccounts.BalanceAsync(server, account));
        Assert.Equal(HttpStatusCode.OK, (await api.DeleteAsync($"/v1/videos/{id}")).StatusCode);
        Assert.Equal(0, await StoredAsync(account));
    }

    [Fact]
    public async Task Validation_NamesTheParameter()
    {
        var api = await server.NewAccountAsync();
        await AssertInvalidAsync(api.PostAsJsonAsync("/v1/videos", new { prompt = "x", renditions = new[] { "h264_999p" } }), "renditions", "invalid_enum");
        await AssertInvalidAsync(api.PostAsJsonAsync("/v1/videos", new { prompt = "x", renditions = new[] { "h264_720p30", "h264_720p30" } }), "renditions");
        await AssertInvalidAsync(api.PostAsJsonAsync("/v1/videos", new { prompt = "x", fps_mode = "blend" }), "fps_mode", "invalid_enum");
        await AssertInvalidAsync(api.PostAsJsonAsync("/v1/videos", new { prompt = "x", hls = "yes" }), "hls");

        // Multipart (the OpenAI SDK's way) reads the same fields; `hls` alone adds the H.264 pair.
        var form = new MultipartFormDataContent { { new StringContent("a quiet harbour"), "prompt" }, { new StringContent("true"), "hls" }, { new StringContent("interpolate"), "fps_mode" } };
        var created = await (await api.PostAsync("/v1/videos", form)).Json();
        Assert.Equal(["h264_720p30", "h264_1080p30"], created["renditions"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("interpolate", created.Str("fps_mode"));
        Assert.True(created["hls"]!.GetValue<bool>());
        var id = created.Str("id");
        await api.DeleteAsync($"/v1/videos/{id}"); // cancelled: renditions may only be asked of a completed video
        var cancelled = await api.WaitAsync(id);
        Assert.Equal("cancelled", cancelled.Str("status"));
        await AssertInvalidAsync(api.PostAsJsonAsync($"/v1/videos/{id}/renditions", new { renditions = new[] { "h264_720p30" } }), "id", "video_not_ready", 409);
        await AssertInvalidAsync(api.PostAsJsonAsync($"/v1/videos/{id}/renditions", new { renditions = new[] { "nope" } }), "renditions", "invalid_enum");
        await AssertInvalidAsync(api.PostAsJsonAsync($"/v1/videos/{id}/renditions", new { }), "renditions");
        var other = await server.NewAccountAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/v1/videos/{id}/renditions", new { renditions = new[] { "h264_720p30" } })).StatusCode);
        await AssertInvalidAsync(api.GetAsync($"/v1/videos/{id}/content?variant=rendition"), "name", "missing_parameter");
        await AssertInvalidAsync(api.GetAsync($"/v1/videos/{id}/content?variant=rendition&name=h264_4k"), "name", "invalid_enum");
    }

    /// The rendition's bytes by name (with the key) and by its signed link (without): the same
    /// bytes, its SHA-256 as the ETag, Range served.
    static async Task<byte[]> AssertServedAsync(HttpClient api, JsonNode entry, string type)
    {
        var res = await api.GetAsync(entry.Str("url"));
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal(type, res.Content.Headers.ContentType!.MediaType);
        var bytes = await res.Content.ReadAsByteArrayAsync();
        var sha = entry["metadata"]!.Str("sha256");
        Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Assert.Equal($"\"{sha}\"", res.Headers.ETag!.Tag);
        Assert.Equal(entry["metadata"]!["size_bytes"]!.GetValue<long>(), bytes.Length);
        using var anonymous = new HttpClient();
        Assert.Equal(bytes, await anonymous.GetByteArrayAsync(entry.Str("download_url")));
        var ranged = new HttpRequestMessage(HttpMethod.Get, entry.Str("download_url")) { Headers = { Range = new(10, 19) } };
        var part = await anonymous.SendAsync(ranged);
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(bytes[10..20], await part.Content.ReadAsByteArrayAsync());
        return bytes;
    }

    static async Task AssertInvalidAsync(Task<HttpResponseMessage> call, string param, string? code = null, int status = 400)
    {
        var res = await call;
        var body = await res.Json();
        Assert.True((int)res.StatusCode == status, body.ToJsonString());
        Assert.Equal(param, body.Str("param"));
        if (code is not null) Assert.Equal(code, body.Str("code"));
    }

    async Task<long> StoredAsync(string account) =>
        (await (await server.Admin.GetAsync($"/v1/accounts/{account}")).Json())["storage_bytes"]!.GetValue<long>();
}
