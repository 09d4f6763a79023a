using Reelgate.Server.Media;
using static Reelgate.Server.Providers.Local.FilterText;

namespace Reelgate.Server.Providers.Local;

/// Where one render writes. CaptionPath is the text file drawtext reads; null means no caption.
internal sealed record RenderOutputs(string VideoPath, string ThumbnailPath, string? CaptionPath);

/// Builds the complete ffmpeg argument list for a render: one process writes the MP4 and the
/// JPEG poster frame. Pure: the same plan, spec and outputs give the same arguments.
internal static class FilterGraphBuilder
{
    public const string FontFile = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    public const string Label = "Reelgate local preview";
    public const int ThumbnailMaxSide = 1280;

    // x264 output depends on its thread count, so it is pinned rather than left to the core count.
    public const int EncoderThreads = 4;

    public static IReadOnlyList<string> Build(ScenePlan plan, RenderSpec spec, RenderOutputs outputs)
    {
        Validate(spec);
        var frames = spec.Fps * spec.DurationSeconds;
        var images = ImagesFor(spec);
        var args = new List<string> { "-nostdin", "-hide_banner", "-loglevel", "error", "-y" };
        foreach (var image in images)
            args.AddRange(FfmpegPaths.SingleImageInput(image));

        var graph = new List<string> { Picture(plan, spec, images.Count, frames) + "[scene]" };
        graph.Add("[scene]" + Overlays(spec, outputs) + ",split=2[vout][vthumb]");
        // ffmpeg sends no -progress until every output has started, so the poster output also
        // takes frame 0 at once; -update 1 then overwrites it with the middle frame.
        graph.Add($"[vthumb]select={Expr($"eq(n,0)+eq(n,{frames / 2})")},{ThumbnailScale(spec)},format=yuvj420p[thumb]");
        if (spec.Audio)
            graph.Add(AudioBed.Graph(plan, spec.DurationSeconds) + "[aout]");
        args.AddRange(["-filter_complex", string.Join(';', graph)]);

        args.AddRange(["-map", "[vout]"]);
        if (spec.Audio)
            args.AddRange(["-map", "[aout]"]);
        args.AddRange(["-t", Num(spec.DurationSeconds), "-r", Num(spec.Fps)]);
        args.AddRange(["-c:v", "libx264", "-preset", EncoderPreset(spec), "-crf", "23", "-pix_fmt", "yuv420p",
            "-g", Num(spec.Fps * 2), "-threads:v", Num(EncoderThreads)]);
        if (spec.Audio)
            args.AddRange(["-c:a", "aac", "-b:a", "128k", "-ar", "48000", "-ac", "2"]);
        args.AddRange(["-movflags", "+faststart", .. Bitexact(), "-f", "mp4", FfmpegPaths.ToUrl(outputs.VideoPath)]);

        args.AddRange(["-map", "[thumb]", "-fps_mode:v", "passthrough", "-frames:v", "2", "-c:v", "mjpeg", "-q:v", "3", "-update", "1",
            .. Bitexact(), "-f", "image2", FfmpegPaths.ToUrl(outputs.ThumbnailPath)]);
        return args;
    }

    /// The images each mode reads: FirstLast uses the first and last, Reference up to three.
    public static IReadOnlyList<string> ImagesFor(RenderSpec spec) => spec.Mode switch
    {
        RenderMode.Text => [],
        RenderMode.FirstFrame => [spec.ImagePaths[0]],
        RenderMode.FirstLast => [spec.ImagePaths[0], spec.ImagePaths[^1]],
        _ => spec.ImagePaths.Take(3).ToArray(),
    };

    private static string Picture(ScenePlan plan, RenderSpec spec, int imageCount, int frames)
    {
        switch (spec.Mode)
        {
            case RenderMode.FirstFrame:
                return "[0:v]" + SceneFilters.KenBurns(plan, spec, frames);
            case RenderMode.FirstLast:
                var fade = Math.Clamp(spec.DurationSeconds * 0.25, 0.5, 1.5);
                var offset = (spec.DurationSeconds - fade) / 2;
                return $"[0:v]{SceneFilters.KenBurns(plan, spec, frames)}[first];"
                    + $"[1:v]{SceneFilters.KenBurns(plan, spec, frames)}[last];"
                    + $"[first][last]xfade=transition={plan.Transition}:duration={Num(fade)}:offset={Num(offset)}";
            case RenderMode.Reference:
                var chain = SceneFilters.Background(plan, spec) + "[bg0]";
                for (var i = 0; i < imageCount; i++)
                {
                    var (tile, overlay) = SceneFilters.ReferenceTile(plan, spec, i, imageCount);
                    chain += $";[{i}:v]{tile}[tile{i}];[bg{i}][tile{i}]{overlay}";
                    if (i < imageCount - 1)
                        chain += $"[bg{i + 1}]";
                }
                return chain;
            default:
                return SceneFilters.Background(plan, spec);
        }
    }

    private static string Overlays(RenderSpec spec, RenderOutputs outputs)
    {
        var font = Value(FontFile);
        var labelSize = Math.Max(9, spec.Height / 40);
        var margin = Math.Max(4, spec.Height / 36);
        var chain = $"drawtext=fontfile={font}:text={Value(Label)}:expansion=none:fontsize={labelSize}"
            + $":fontcolor=white@0.75:shadowcolor=black@0.6:shadowx=1:shadowy=1:x={margin}:y={margin}";
        if (outputs.CaptionPath is { } caption)
        {
            var size = CaptionFormatter.FontSize(spec.Height);
            chain += $",drawtext=fontfile={font}:textfile={Value(caption)}:expansion=none:fontsize={size}"
                + $":line_spacing={size / 4}:fontcolor=white:borderw={Math.Max(1, size / 16)}:bordercolor=black@0.6"
                + $":box=1:boxcolor=black@0.35:boxborderw={size / 3}:x=(w-text_w)/2:y=h-text_h-{margin + size / 3}";
        }
        return chain + ",format=yuv420p";
    }

    /// x264 dominates render time. Above 1080p ultrafast halves it; measured on these smooth
    /// gradients it also beats superfast on size (superfast drops mb-tree, which they rely on).
    public static string EncoderPreset(RenderSpec spec) =>
        spec.Width * spec.Height <= 1920 * 1080 ? "veryfast" : "ultrafast";

    private static string ThumbnailScale(RenderSpec spec)
    {
        var longest = Math.Max(spec.Width, spec.Height);
        if (longest <= ThumbnailMaxSide)
            return "null";
        var w = (int)Math.Round(spec.Width * (double)ThumbnailMaxSide / longest) & ~1;
        var h = (int)Math.Round(spec.Height * (double)ThumbnailMaxSide / longest) & ~1;
        return $"scale={w}:{h}:flags=bicubic";
    }

    private static string[] Bitexact() =>
        ["-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact", "-map_metadata", "-1"];

    private static void Validate(RenderSpec spec)
    {
        if (spec.Width < 16 || spec.Height < 16 || spec.Width % 2 != 0 || spec.Height % 2 != 0)
            throw new ArgumentException($"Frame size {spec.Width}x{spec.Height} must be even and at least 16x16.", nameof(spec));
        if (spec.Fps is < 1 or > 120)
            throw new ArgumentException($"Frame rate {spec.Fps} is outside 1..120.", nameof(spec));
        if (spec.DurationSeconds < 1)
            throw new ArgumentException($"Duration {spec.DurationSeconds} s must be at least 1 s.", nameof(spec));
        var needed = spec.Mode switch { RenderMode.Text => 0, RenderMode.FirstLast => 2, _ => 1 };
        if (spec.ImagePaths.Count < needed)
            throw new ArgumentException($"{spec.Mode} needs at least {needed} image(s), got {spec.ImagePaths.Count}.", nameof(spec));
    }
}
