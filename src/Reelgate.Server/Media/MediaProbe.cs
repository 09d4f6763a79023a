namespace Reelgate.Server.Media;

/// Asks ffprobe what a video or image file is.
internal sealed class MediaProbe(FfmpegRunner runner, TimeSpan? timeout = null)
{
    private static readonly string[] JsonOutput = ["-v", "error", "-print_format", "json", "-show_format", "-show_streams"];

    private readonly TimeSpan _timeout = timeout ?? TimeSpan.FromSeconds(30);

    public async Task<MediaInfo> ProbeVideoAsync(string path, CancellationToken ct) =>
        FfprobeParser.ParseMedia(await RunAsync(path, VideoArguments(path), ct).ConfigureAwait(false));

    /// Works for JPEG, PNG and WebP whatever the file is named.
    public async Task<ImageInfo> ProbeImageAsync(string path, CancellationToken ct) =>
        FfprobeParser.ParseImage(await RunAsync(path, ImageArguments(path), ct).ConfigureAwait(false));

    internal static IReadOnlyList<string> VideoArguments(string path) => [.. JsonOutput, "-i", FfmpegPaths.ToUrl(path)];

    internal static IReadOnlyList<string> ImageArguments(string path) => [.. JsonOutput, .. FfmpegPaths.SingleImageInput(path)];

    private async Task<string> RunAsync(string path, IReadOnlyList<string> arguments, CancellationToken ct)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException("Media file to probe does not exist.", path);
        var result = await runner.RunFfprobeAsync(arguments, _timeout, ct).ConfigureAwait(false);
        return result.StandardOutput;
    }
}
