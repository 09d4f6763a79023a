using System.Security.Cryptography;
using System.Text.Json;
using Reelgate.Server.Http;
using Reelgate.Server.Media;
using Reelgate.Server.Media.Hls;
using Reelgate.Server.Media.Renditions;
using Reelgate.Server.Storage;

namespace Reelgate.Server.Renditions;

/// Makes renditions from a master file on this machine and stores them, filling in each row's
/// outcome (completed with its key and probe, or failed with a code). Shared by the renditions
/// asked at create (Worker/TaskRunner, under the attempt's prefix) and those asked later
/// (RenditionWorker, under `videos/{task}/r/` and `videos/{task}/hls/`). A failure fails only its row.
internal sealed class RenditionMaker(RenditionRenderer renderer, HlsPackager packager, IBlobStore blobs, TimeProvider clock, ILogger<RenditionMaker> log)
{
    /// A finished ladder file on this machine, for the HLS package of the same output.
    public sealed record Made(RenditionSpec Spec, string Path, MediaInfo Info, string? Profile);

    /// Renders `rows` (ladder names) of one output and stores each file as `{keyPrefix}{FileName}`.
    public async Task<List<Made>> LadderAsync(string master, MediaInfo masterInfo, IReadOnlyList<RenditionRow> rows, string workDir, string keyPrefix, TimeSpan timeout, CancellationToken ct)
    {
        var jobs = rows.Select(r => new RenditionJob(r.Spec!, r.FpsMode, Path.Combine(workDir, $"r{r.OutputIndex}-{r.Spec!.FileName}"))).ToList();
        IReadOnlyList<RenditionResult> results;
        try { results = await renderer.RenderAsync(master, masterInfo, jobs, timeout, ct); }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "renditions of {Master} failed", master);
            results = [.. jobs.Select(j => new RenditionResult(j, false, null, null, "rendition_failed", "The rendition could not be made; the server log has the details."))];
        }
        var made = new List<Made>();
        foreach (var (row, result) in rows.Zip(results))
        {
            row.Upscaled = result.Upscaled;
            if (!result.Ok || result.Info is not { } info) { Fail(row, result.ErrorCode ?? "rendition_failed", result.ErrorMessage ?? "The rendition failed."); continue; }
            string sha;
            await using (var f = File.OpenRead(result.Job.OutputPath))
                sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(f, ct));
            var key = keyPrefix + row.Spec!.FileName;
            await blobs.PutFileAsync(key, result.Job.OutputPath, row.Spec.ContentType, ct);
            var meta = new RenditionMetadata(info.DurationSeconds, info.Width, info.Height, info.Fps, info.VideoCodec, info.AudioCodec,
                info.BitRate, info.SizeBytes, sha, result.Profile);
            Complete(row, key, JsonSerializer.Serialize(meta, Json.Wire), info.SizeBytes);
            made.Add(new Made(row.Spec, result.Job.OutputPath, info, result.Profile));
        }
        return made;
    }

    /// Packages the output's finished MP4 rungs as HLS and stores the package under `keyPrefix`
    /// (the row's storage key: the folder of `master.m3u8`).
    public async Task HlsAsync(RenditionRow row, IReadOnlyList<Made> ladder, string workDir, string keyPrefix, TimeSpan timeout, CancellationToken ct)
    {
        var inputs = ladder.Where(m => RenditionAsk.Packageable(m.Spec)).Select(m => new HlsInput(m.Spec, m.Path, m.Info, m.Profile)).ToList();
        if (inputs.Count == 0) { Fail(row, "hls_no_renditions", "No MP4 rendition of this output was made, so there is nothing to package."); return; }
        var folder = Path.Combine(workDir, $"hls-{row.OutputIndex}");
        try
        {
            Directory.CreateDirectory(folder);
            var package = await packager.PackageAsync(inputs, folder, timeout, ct);
            long bytes = 0;
            foreach (var (relative, type) in package.Files)
            {
                var path = Path.Combine(package.Folder, relative);
                bytes += new FileInfo(path).Length;
                await blobs.PutFileAsync(keyPrefix + relative.Replace('\\', '/'), path, type, ct);
            }
            Complete(row, keyPrefix, null, bytes);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "HLS packaging of output {Index} failed", row.OutputIndex);
            Fail(row, "hls_failed", e is FfmpegException or ArgumentException ? Clip(e.Message) : "HLS packaging failed; the server log has the details.");
        }
    }

    void Complete(RenditionRow row, string key, string? metadataJson, long bytes)
    {
        row.Status = RenditionStatuses.Completed;
        row.StorageKey = key;
        row.MetadataJson = metadataJson;
        row.SizeBytes = bytes;
        row.CompletedAt = clock.GetUtcNow().ToUnixTimeMilliseconds();
    }

    public void Fail(RenditionRow row, string code, string message)
    {
        row.Status = RenditionStatuses.Failed;
        row.ErrorCode = code;
        row.ErrorMessage = Clip(message);
        row.CompletedAt = clock.GetUtcNow().ToUnixTimeMilliseconds();
    }

    static string Clip(string s) => s.Length > 500 ? s[..500] + "…" : s;
}
