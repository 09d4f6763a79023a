using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Billing;

public sealed class QuotaTests : IAsyncLifetime
{
    readonly ServerProcess server = new(Accounts.Tiers(new()
    {
        ["Providers__Fake__Enabled"] = "true", ["Providers__Fake__LatencyMs"] = "100",
        ["Tiers__small__MonthlyCredits"] = "1000", ["Tiers__small__StorageGb"] = "0.0000001", // 107 bytes
        ["Tiers__alerts__MonthlyCredits"] = "100",
    }));

    public Task InitializeAsync() => server.StartAsync();
    public async Task DisposeAsync() => await server.DisposeAsync();

    static readonly object Cheap = new { model = "veo3.1-fast", prompt = "a kite", duration = 4, generate_audio = false, resolution = "720p" };

    [Fact]
    public async Task DailyTaskLimit_Is429WithItsCode_AndRetryAfterUntilMidnight()
    {
        var (_, client) = await Accounts.CreateAsync(server, "tight");
        await client.CreateVideoAsync(Cheap);
        await client.CreateVideoAsync(Cheap);
        var res = await client.PostAsJsonAsync("/v1/videos", Cheap);
        Assert.Equal(HttpStatusCode.TooManyRequests, res.StatusCode);
        Assert.Equal("daily_task_limit_exceeded", (await res.Json()).Str("code"));
        var retry = int.Parse(res.Headers.GetValues("Retry-After").Single());
        Assert.InRange(retry, 1, 86_400);
        Assert.True(long.Parse(res.Headers.GetValues("retry-after-ms").Single()) > 0);
    }

    [Fact]
    public async Task DownloadsPerDay_CountWholeDownloadsNotRanges()
    {
        var (_, client) = await Accounts.CreateAsync(server, "tight");
        var task = await client.WaitAsync((await client.CreateVideoAsync(Cheap)).Str("id"));
        var url = $"/v1/videos/{task.Str("id")}/content";
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
        // A player's follow-up range request is the same download.
        var range = new HttpRequestMessage(HttpMethod.Get, url);
        range.Headers.Range = new RangeHeaderValue(100, 200);
        Assert.Equal(HttpStatusCode.PartialContent, (await client.SendAsync(range)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url + "?variant=thumbnail")).StatusCode);
        var second = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal("download_limit_exceeded", (await second.Json()).Str("code"));
    }

    [Fact]
    public async Task ContentTypes_FollowTheTier_AndMovMkvAreRealRemuxes()
    {
        var done = await server.Admin.WaitAsync((await server.Admin.CreateVideoAsync(Cheap)).Str("id"));
        foreach (var (format, name) in new[] { ("mov", "mov"), ("mkv", "matroska") })
        {
            var res = await server.Admin.GetAsync($"/v1/videos/{done.Str("id")}/content?format={format}");
            Assert.Equal(HttpStatusCode.OK, res.StatusCode);
            var probe = await Ffprobe.ProbeAsync(await res.Content.ReadAsByteArrayAsync());
            Assert.Contains(name, probe["format"]!["format_name"]!.GetValue<string>());
            Assert.Equal("h264", probe.Stream("video")!["codec_name"]!.GetValue<string>());
        }
        Assert.Equal("format", (await (await server.Admin.GetAsync($"/v1/videos/{done.Str("id")}/content?format=avi")).Json()).Str("param"));

        var (_, client) = await Accounts.CreateAsync(server, "metered", credits: 100); // mp4 only
        var task = await client.WaitAsync((await client.CreateVideoAsync(Cheap)).Str("id"));
        var refused = await client.GetAsync($"/v1/videos/{task.Str("id")}/content?format=mov");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("content_type_not_allowed", (await refused.Json()).Str("code"));
    }

    [Fact]
    public async Task StorageQuota_RefusesUploadsAndSubmitsWithItsCode()
    {
        var (id, client) = await Accounts.CreateAsync(server, "small");
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Files.TestImages.Png), "file", "a.png");
        var upload = await client.PostAsync("/v1/files", form);
        var body = await upload.Json();
        Assert.Equal(HttpStatusCode.Forbidden, upload.StatusCode);
        Assert.Equal("storage_quota_exceeded", body.Str("code"));

        // A finished video counts towards storage; once the account is full, submits are refused.
        var done = await client.WaitAsync((await client.CreateVideoAsync(Cheap)).Str("id"));
        Assert.Equal("completed", done.Str("status"));
        Assert.True((await (await server.Admin.GetAsync($"/v1/accounts/{id}")).Json())["storage_bytes"]!.GetValue<long>() > 107);
        var refused = await client.PostAsJsonAsync("/v1/videos", Cheap);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("storage_quota_exceeded", (await refused.Json()).Str("code"));
        // Deleting the video frees the space again.
        Assert.Equal(HttpStatusCode.OK, (await client.DeleteAsync($"/v1/videos/{done.Str("id")}")).StatusCode);
        Assert.Equal(0, (await (await server.Admin.GetAsync($"/v1/accounts/{id}")).Json())["storage_bytes"]!.GetValue<long>());
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/v1/videos", Cheap)).StatusCode);
    }

    [Fact]
    public async Task CrossingEightyPercentOfMonthlyCredits_RecordsOneEvent()
    {
        var (id, client) = await Accounts.CreateAsync(server, "alerts"); // 100 credits; 4 s = 23.04 each
        for (var i = 0; i < 3; i++) await client.CreateVideoAsync(Cheap); // 69.12 used
        Assert.Empty((await (await server.Admin.GetAsync($"/v1/accounts/{id}/events")).Json())["data"]!.AsArray());
        await client.CreateVideoAsync(Cheap); // 92.16 used: crosses 80
        var events = (await (await server.Admin.GetAsync($"/v1/accounts/{id}/events")).Json())["data"]!.AsArray();
        var e = Assert.Single(events)!;
        Assert.Equal("usage.threshold", e.Str("type"));
        Assert.Equal(0.8m, e["data"]!["threshold"]!.GetValue<decimal>());
        Assert.Equal(92.16m, e["data"]!["credits_used"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Usage_ByDayAndModel_ForServiceKeys_AndAdminForAnyAccount()
    {
        var (id, standard) = await Accounts.CreateAsync(server, "metered", credits: 1000);
        var key = await (await server.Admin.PostAsJsonAsync("/v1/keys", new { account_id = id, role = "service" })).Json();
        var service = server.ClientFor(key.Str("secret"));
        var forbidden = await standard.GetAsync("/v1/usage");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("role_forbidden", (await forbidden.Json()).Str("code"));

        var a = await service.WaitAsync((await service.CreateVideoAsync(Cheap)).Str("id"));
        await service.GetAsync($"/v1/videos/{a.Str("id")}/content");
        var b = await service.WaitAsync((await service.CreateVideoAsync(new { model = "veo-3.1-generate-001", prompt = "x", duration = 8, generate_audio = false })).Str("id"));
        Assert.Equal("completed", b.Str("status"));

        var byDay = await (await service.GetAsync("/v1/usage?group_by=day")).Json();
        var today = Assert.Single(byDay["data"]!.AsArray())!;
        Assert.Equal(2, today["tasks"]!.GetValue<int>());
        Assert.Equal(1, today["downloads"]!.GetValue<int>());
        Assert.Equal(12, today["seconds"]!.GetValue<int>());
        Assert.Equal(23.04m + 115.2m, today["credits"]!.GetValue<decimal>());
        var byModel = await (await service.GetAsync("/v1/usage?group_by=model")).Json();
        var fast = byModel["data"]!.AsArray().Single(r => r!.Str("model") == "veo-3.1-fast-generate-preview")!;
        Assert.Equal(23.04m, fast["credits"]!.GetValue<decimal>());
        Assert.Equal(1, fast["tasks"]!.GetValue<int>());
        Assert.Equal(1000m - byDay["totals"]!["credits"]!.GetValue<decimal>(), byDay["totals"]!["balance"]!.GetValue<decimal>());

        Assert.Equal(HttpStatusCode.Forbidden, (await service.GetAsync("/v1/usage?account_id=acct_admin")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Admin.GetAsync($"/v1/usage?account_id={id}")).StatusCode);
        foreach (var (query, param) in new[] { ("group_by=week", "group_by"), ("from=yesterday", "from"), ("from=2026-01-02&to=2026-01-01", "to"), ("from=2020-01-01&to=2026-01-01", "to") })
            Assert.Equal(param, (await (await server.Admin.GetAsync($"/v1/usage?{query}")).Json()).Str("param"));
    }
}
