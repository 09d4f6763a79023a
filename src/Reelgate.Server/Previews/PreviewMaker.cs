using Microsoft.Extensions.Options;
using Reelgate.Server.Media;
using Reelgate.Server.Media.Previews;
using Reelgate.Server.Storage;

namespace Reelgate.Server.Previews;

/// Makes and stores the previews of one output when the worker stores it: `{stem}.preview.webp`
/// and `{stem}.sprites.jpg` beside the master, under the attempt's prefix (so a lost attempt's
/// clean-up removes them too). A preview that fails is logged and left out; it never fails the task.
internal sealed class PreviewMaker(FfmpegRunner ffmpeg, IBlobStore blobs, IOptions<PreviewsOptions> options, ILogger<PreviewMaker> log)
{
    public async Task<OutputPreviews?> StoreAsync(string video, MediaInfo info, string stem, CancellationToken ct)
    {
        if (!options.Value.Enabled || SpriteGrid.For(info.DurationSeconds, info.Width, info.Height) is not { } grid) return null;
        var limit = TimeSpan.FromSeconds(options.Value.TimeoutSeconds);
        var webp = video + ".preview.webp";
        var sprites = video + ".sprites.jpg";
        try
        {
            await ffmpeg.RunFfmpegAsync(PreviewCommand.Both(video, info.Width, info.Height, grid, AnimatedPreview.Standard, webp, sprites), limit, ct);
            if (new FileInfo(webp).Length > AnimatedPreview.MaxBytes)
                await ffmpeg.RunFfmpegAsync(PreviewCommand.WebpOnly(video, info.Width, info.Height, AnimatedPreview.Lean, webp), limit, ct);
            string? previewKey = null;
            long bytes = new FileInfo(sprites).Length;
            var size = new FileInfo(webp).Length;
            if (size <= AnimatedPreview.MaxBytes)
            {
                previewKey = $"{stem}.preview.webp";
                await blobs.PutFileAsync(previewKey, webp, "image/webp", ct);
                bytes += size;
            }
            else log.LogWarning("the animated preview of {Stem} is {Bytes} bytes even at lean settings; left out", stem, size);
            await blobs.PutFileAsync($"{stem}.sprites.jpg", sprites, "image/jpeg", ct);
            return new OutputPreviews(previewKey, $"{stem}.sprites.jpg", grid, bytes);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogWarning(e, "the previews of {Stem} could not be made; the output is stored without them", stem);
            return null;
        }
        finally
        {
            File.Delete(webp);
            File.Delete(sprites);
        }
    }
}
