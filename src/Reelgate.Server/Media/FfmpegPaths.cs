namespace Reelgate.Server.Media;

/// File paths as ffmpeg URLs: absolute and "file:"-prefixed, so a name holding ':' or starting
/// with '-' is never taken for a protocol or an option.
internal static class FfmpegPaths
{
    public static string ToUrl(string path) => "file:" + Path.GetFullPath(path);

    /// Input options that read exactly one still image; '%' in its name is not a sequence pattern.
    public static IEnumerable<string> SingleImageInput(string path) =>
        ["-f", "image2", "-pattern_type", "none", "-i", ToUrl(path)];
}
