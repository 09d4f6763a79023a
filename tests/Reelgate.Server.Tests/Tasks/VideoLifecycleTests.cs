using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Tasks;

[Collection(SharedServerCollection.Name)]
public sealed class VideoLifecycleTests(SharedServer shared)
{
    readonly ServerProcess server = shared.Server;

    [Fact]
    public async Task Create_AnswersAtOnceQueued_ThenCompletesWithProbedOutputs()
    {
        var api = await server.NewAccountAsync();
        var res = await api.PostJson("/v1/videos",
            """{"model":"veo-3.1-fast","prompt":"A serene landscape with mountains and a lake at sunset, slow pan left","duration":4,"aspect_ratio":"16:9","resolution":"720p"}""");
        Assert.Equal(HttpStatusCode.Accepted, res.StatusCode);
        var created = await res.Json();
        Assert.Equal("queued", created.Str("status"));
        Assert.Equal("video", created.Str("object"));
        Assert.Equal("veo-3.1-fast-generate-preview", created.Str("model"));
        Assert.Equal("local", created.Str("provider"));
        Assert.Equal("1280x720", created.Str("size"));
        Assert.Equal("4", created.Str("seconds"));

        var progress = new List<int>();
        var done = await api.WaitAsync(created.Str("id"), until: t =>
        {
            progress.Add(t["progress"]!.GetValue<int>());
            return t.Str("status") is "completed" or "failed";
        });
        Assert.Equal("completed", done.Str("status"));
        Assert.Equal(100, done["progress"]!.GetValue<int>());
        Assert.Equal(progress.Order(), progress); // never goes backwards

        var output = done["outputs"]![0]!;
        var meta = output["metadata"]!;
        Assert.Equal(1280, meta["width"]!.GetValue<int>());
        Assert.Equal(720, meta["height"]!.GetValue<int>());
        Assert.InRange(meta["duration"]!.GetValue<double>(), 3.9, 4.2);
        Assert.Equal("h264", meta.Str("video_codec"));
        Assert.Equal("aac", meta.Str("audio_codec"));

        var video = await api.GetAsync(output.Str("url"));
        Assert.Equal("video/mp4", video.Content.Headers.ContentType!.MediaType);
        var bytes = await video.Content.ReadAsByteArrayAsync();
        Assert.Equal(meta["size_bytes"]!.GetValue<long>(), bytes.Length);
        Assert.Equal(meta.Str("sha256"), Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Assert.Equal($"\"{meta.Str("sha256")}\"", video.Headers.ETag!.Tag);
        var probe = await Ffprobe.ProbeAsync(bytes);
        Assert.Equal(1280, probe.Stream("video")!["width"]!.GetValue<int>());
        Assert.Equal("aac", probe.Stream("audio")!.Str("codec_name"));

        var thumb = await api.GetAsync(output.Str("thumbnail_url"));
        Assert.Equal("image/jpeg", thumb.Content.Headers.ContentType!.MediaType);
        var thumbProbe = await Ffprobe.ProbeAsync(await thumb.Content.ReadAsByteArrayAsync());
        Assert.Equal("mjpeg", thumbProbe.Stream("video")!.Str("codec_name"));
    }

    [Fact]
    public async Task Content_HonoursRangeAndIfNoneMatch()
    {
        var api = await server.NewAccountAsync();
        var task = await api.CreateVideoAsync(new { prompt = "neon city at night, zoom in", duration = 4, generate_audio = false });
        var done = await api.WaitAsync(task.Str("id"));
        var url = done["outputs"]![0]!.Str("url");

        var range = new HttpRequestMessage(HttpMethod.Get, url);
        range.Headers.Range = new RangeHeaderValue(100, 199);
        var partial = await api.SendAsync(range);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(100, (await partial.Content.ReadAsByteArrayAsync()).Length);

        var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{done["outputs"]![0]!["metadata"]!.Str("sha256")}\""));
        Assert.Equal(HttpStatusCode.NotModified, (await api.SendAsync(conditional)).StatusCode);
        Assert.Null(done["outputs"]![0]!["metadata"]!["audio_codec"]);
    }

    [Fact]
    public async Task Create_WithNOfTwo_EveryOutputIsReachableAndDistinct()
    {
        var api = await server.NewAccountAsync();
        var task = await api.CreateVideoAsync(new { prompt = "golden forest, orbit", duration = 4, n = 2, seed = 42, aspect_ratio = "9:16" });
        var done = await api.WaitAsync(task.Str("id"));
        var outputs = done["outputs"]!.AsArray();
        Assert.Equal(2, outputs.Count);
        Assert.Equal([42u, 43u], outputs.Select(o => o!["seed"]!.GetValue<uint>()));
        var shas = new List<string>();
        foreach (var o in outputs)
        {
            var bytes = await api.GetByteArrayAsync(o!.Str("url"));
            var probe = await Ffprobe.ProbeAsync(bytes);
            Assert.Equal(720, probe.Stream("video")!["width"]!.GetValue<int>());
            Assert.Equal(1280, probe.Stream("video")!["height"]!.GetValue<int>());
            shas.Add(Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }
        Assert.NotEqual(shas[0], shas[1]);
        var missing = await api.GetAsync($"/v1/videos/{task.Str("id")}/content?index=2");
        Assert.Equal("index", (await missing.Json()).Str("param"));
    }

    [Fact]
    public async Task SameRequestAndSeed_GiveIdenticalBytes_OtherSeedDiffers()
    {
        var api = await server.NewAccountAsync();
        var request = new { prompt = "red desert at dawn, pan right, \"quoted\" words: 100% sure", duration = 4, seed = 7 };
        var a = await api.CreateVideoAsync(request);
        var b = await api.CreateVideoAsync(request);
        var c = await api.CreateVideoAsync(request with { seed = 8 });
        string Sha(System.Text.Json.Nodes.JsonNode t) => t["outputs"]![0]!["metadata"]!.Str("sha256");
        var (da, db, dc) = (await api.WaitAsync(a.Str("id")), await api.WaitAsync(b.Str("id")), await api.WaitAsync(c.Str("id")));
        Assert.Equal(Sha(da), Sha(db));
        Assert.NotEqual(Sha(da), Sha(dc));
    }

    [Fact]
    public async Task Delete_RunningTask_KillsFfmpegAndCancels()
    {
        var api = await server.NewAccountAsync();
        var task = await api.CreateVideoAsync(new { prompt = "storm over the ocean, slow zoom out", duration = 8, resolution = "4k", fps = 60 });
        var id = task.Str("id");
        await api.WaitAsync(id, until: t => t.Str("status") == "in_progress" && FfmpegRunningFor(id));
        var res = await api.DeleteAsync($"/v1/videos/{id}");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        Assert.Equal("cancelled", (await res.Json()).Str("status"));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (FfmpegRunningFor(id) && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.False(FfmpegRunningFor(id), "ffmpeg still runs for a cancelled task");
        // The worker lets go of a task only after every point where it could write an outcome.
        await Signals.UntilAsync(async () => await server.MetricAsync("reelgate_renders_running") == 0, "the worker let go of the cancelled render");
        var after = await (await api.GetAsync($"/v1/videos/{id}")).Json();
        Assert.Equal("cancelled", after.Str("status"));
        Assert.Empty(after["outputs"]!.AsArray());
        Assert.Equal("video_not_ready", (await (await api.GetAsync($"/v1/videos/{id}/content")).Json()).Str("code"));
    }

    [Fact]
    public async Task Delete_FinishedTask_IsRemovedWithItsFiles()
    {
        var api = await server.NewAccountAsync();
        var done = await api.WaitAsync((await api.CreateVideoAsync(new { prompt = "snowy peak", duration = 4, generate_audio = false })).Str("id"));
        var id = done.Str("id");
        Assert.NotEmpty(await server.KeysAsync($"videos/{id}/"));
        var res = await (await api.DeleteAsync($"/v1/videos/{id}")).Json();
        Assert.True(res["deleted"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/v1/videos/{id}")).StatusCode);
        Assert.Empty(await server.KeysAsync($"videos/{id}/"));
        Assert.Equal(HttpStatusCode.NotFound, (await api.DeleteAsync($"/v1/videos/{id}")).StatusCode);
    }

    static bool FfmpegRunningFor(string taskId)
    {
        using var p = Process.Start(new ProcessStartInfo("pgrep", ["-f", $"ffmpeg.*{taskId}"]) { RedirectStandardOutput = true })!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return output.Trim().Length > 0;
    }
}
