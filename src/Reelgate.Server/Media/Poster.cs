namespace Reelgate.Server.Media;

/// The JPEG poster stored beside each video: its first frame, or an upstream's still image made
/// a JPEG. Every path goes through FfmpegPaths, so a work file named "-x" or "a:b" is never read
/// as an option or a protocol.
internal static class Poster
{
    /// One frame; long enough for a slow disk, short enough that a broken file fails the task soon.
    static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public static IReadOnlyList<string> FirstFrameArguments(string video, string jpeg) =>
        ["-v", "error", "-i", FfmpegPaths.ToUrl(video), .. JpegOutput(jpeg)];

    /// A still (WebP, PNG…) as a JPEG; a '%' in its name is not a sequence pattern.
    public static IReadOnlyList<string> FromImageArguments(string image, string jpeg) =>
        ["-v", "error", .. FfmpegPaths.SingleImageInput(image), .. JpegOutput(jpeg)];

    public static Task FirstFrameAsync(FfmpegRunner ffmpeg, string video, string jpeg, CancellationToken ct) =>
        ffmpeg.RunFfmpegAsync(FirstFrameArguments(video, jpeg), Limit, ct);

    public static Task FromImageAsync(FfmpegRunner ffmpeg, string image, string jpeg, CancellationToken ct) =>
        ffmpeg.RunFfmpegAsync(FromImageArguments(image, jpeg), Limit, ct);

    /// `-update 1`: one file, so a '%' in the name is not an output sequence pattern either.
    static string[] JpegOutput(string jpeg) => ["-frames:v", "1", "-q:v", "2", "-update", "1", "-y", FfmpegPaths.ToUrl(jpeg)];
}
