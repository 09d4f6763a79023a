using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Previews;

/// Previews through a real server: an 8 s 1080p local render gets an animated WebP, a spritesheet
/// and a WebVTT track, with the key (/content) and without (signed links), on either backend.
[Collection(SharedServerCollection.Name)]
public sealed class PreviewServingTests(SharedServer shared)
{
    readonly ServerProcess server = shared.Server;

    /// A 1080p render on two shared cores can take minutes; the wait is a ceiling, not a check.
    internal const int LoadedMachine = 600;

    [Fact]
    public async Task A1080pRender_HasAnAnimatedPreview_AndASpritesheetThatTheVttCuesDescribe()
    {
        var (account, api) = await Billing.Accounts.CreateAsync(server, "unlimited");
        var done = await api.WaitAsync((await api.CreateVideoAsync(new { prompt = "a busy harbour at noon, pan right", duration = 8, resolution = "1080p" })).Str("id"), seconds: LoadedMachine);
        Assert.Equal("completed", done.Str("status"));
        var output = done["outputs"]![0]!;

        var preview = await api.GetAsync(output.Str("preview_url"));
        Assert.Equal("image/webp", preview.Content.Headers.ContentType!.MediaType);
        Assert.NotNull(preview.Headers.ETag);
        var webp = await preview.Content.ReadAsByteArrayAsync();
        var (w, h, animated, frames) = ImageHeaders.Webp(webp);
        Assert.True(animated && frames > 1, $"{frames} frame(s)");
        Assert.Equal((480, 270), (w, h));
        Assert.True(webp.Length <= 1024 * 1024, $"{webp.Length} bytes");
        var ranged = new HttpRequestMessage(HttpMethod.Get, output.Str("preview_url"));
        ranged.Headers.Range = new RangeHeaderValue(0, 11);
        var part = await api.SendAsync(ranged);
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(webp[..12], await part.Content.ReadAsByteArrayAsync());

        var sheetAnswer = await api.GetAsync(output.Str("spritesheet_url"));
        Assert.Equal("image/jpeg", sheetAnswer.Content.Headers.ContentType!.MediaType);
        var sheet = await sheetAnswer.Content.ReadAsByteArrayAsync();
        var (sw, sh) = ImageHeaders.Jpeg(sheet);

        var vttAnswer = await api.GetAsync(output.Str("vtt_url"));
        Assert.Equal("text/vtt", vttAnswer.Content.Headers.ContentType!.MediaType);
        var cues = VttCue.Parse(await vttAnswer.Content.ReadAsStringAsync());
        VttCue.AssertCover(cues, sw, sh, output["metadata"]!["duration"]!.GetValue<double>());

        // The cues point at the spritesheet through an absolute signed link that needs no key.
        using var anonymous = new HttpClient();
        var cueUrl = Assert.Single(cues.Select(c => c.Url).Distinct());
        Assert.StartsWith(server.BaseUrl.ToString().TrimEnd('/') + "/links/", cueUrl);
        Assert.Contains("signature=", cueUrl);
        Assert.Equal(sheet, await anonymous.GetByteArrayAsync(cueUrl));

        // The signed links of all three, with no key; the track is served with CORS for players on other origins.
        var track = await anonymous.GetAsync(output.Str("vtt_download_url"));
        Assert.Equal("text/vtt", track.Content.Headers.ContentType!.MediaType);
        Assert.Equal("*", track.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal(cues, VttCue.Parse(await track.Content.ReadAsStringAsync()));
        Assert.Equal(webp, await anonymous.GetByteArrayAsync(output.Str("preview_download_url")));
        Assert.Equal(sheet, await anonymous.GetByteArrayAsync(output.Str("spritesheet_download_url")));

        // The previews count toward the account's storage as the poster does.
        var thumb = await api.GetByteArrayAsync(output.Str("thumbnail_url"));
        var stored = (await (await server.Admin.GetAsync($"/v1/accounts/{account}")).Json())["storage_bytes"]!.GetValue<long>();
        Assert.Equal(output["metadata"]!["size_bytes"]!.GetValue<long>() + thumb.Length + webp.Length + sheet.Length, stored);
    }

    [Theory]
    [InlineData("gif")]
    [InlineData("PREVIEW")]
    [InlineData("")]
    public async Task Content_WithAnUnknownVariant_Is400NamingVariant(string variant)
    {
        var api = await server.NewAccountAsync();
        var res = await api.GetAsync($"/v1/videos/video_nope/content?variant={variant}");
        var body = await res.Json();
        Assert.Equal(HttpStatusCode.BadRequest, res.StatusCode);
        Assert.Equal(("invalid_enum", "variant"), (body.Str("code"), body.Str("param")));
        Assert.Contains("preview, spritesheet or vtt", body.Str("message"));
    }
}

/// Outputs without previews (stored before previews existed, or with Previews:Enabled off — the
/// same stored shape): the URLs are null and the variants answer 404 variant_not_available.
public sealed class PreviewAbsentTests
{
    [Fact]
    public async Task AnOutputWithoutPreviews_AnswersVariantNotAvailable()
    {
        await using var server = new ServerProcess(new() { ["Previews:Enabled"] = "false" });
        await server.StartAsync();
        var api = await server.NewAccountAsync();
        var done = await api.WaitAsync((await api.CreateVideoAsync(new { prompt = "an old task, before previews", duration = 4 })).Str("id"), seconds: PreviewServingTests.LoadedMachine);
        var output = done["outputs"]![0]!;
        foreach (var name in new[] { "preview_url", "spritesheet_url", "vtt_url", "preview_download_url", "spritesheet_download_url", "vtt_download_url" })
            Assert.Equal("null", JsonValueKind(output, name));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/v1/videos/{done.Str("id")}/content?variant=thumbnail")).StatusCode);
        foreach (var variant in new[] { "preview", "spritesheet", "vtt" })
        {
            var res = await api.GetAsync($"/v1/videos/{done.Str("id")}/content?variant={variant}&index=0");
            var body = await res.Json();
            Assert.Equal(HttpStatusCode.NotFound, res.StatusCode);
            Assert.Equal(("variant_not_available", "variant"), (body.Str("code"), body.Str("param")));
        }
    }

    static string JsonValueKind(JsonNode output, string name)
    {
        Assert.True(output.AsObject().ContainsKey(name), $"{name} is missing");
        return output[name] is null ? "null" : output[name]!.ToJsonString();
    }
}
