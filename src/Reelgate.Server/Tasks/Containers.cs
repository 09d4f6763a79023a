using Reelgate.Server.Media;

namespace Reelgate.Server.Tasks;

/// Videos are stored as MP4; `GET …/content?format=mov|mkv` repackages one (stream copy, no
/// re-encode, so it takes well under a second) for tiers whose content types include it.
internal static class Containers
{
    public static readonly string[] All = ["mp4", "mov", "mkv"];

    public static string ContentType(string format) => format switch
    {
        "mov" => "video/quicktime",
        "mkv" => "video/x-matroska",
        _ => "video/mp4",
    };

    /// Copies the MP4 at `source` into `format`; the returned stream deletes its file when closed.
    public static async Task<Stream> RemuxAsync(FfmpegRunner ffmpeg, string source, string format, string scratch, CancellationToken ct)
    {
        var target = Path.Combine(scratch, $"remux-{Guid.NewGuid():N}.{format}");
        try
        {
            await ffmpeg.RunFfmpegAsync(["-v", "error", "-i", source, "-map", "0", "-c", "copy", "-f", format == "mkv" ? "matroska" : "mov", "-y", target],
                TimeSpan.FromMinutes(2), ct);
            return new FileStream(target, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        }
        catch
        {
            File.Delete(target);
            throw;
        }
    }
}
