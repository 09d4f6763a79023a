using System.Diagnostics;
using System.Text;
using Reelgate.Server.Media;

namespace Reelgate.Server.Providers.Local;

internal sealed record LocalRenderResult(string VideoPath, string ThumbnailPath, long VideoBytes, TimeSpan Elapsed, ScenePlan Plan);

/// The local preview engine: plans a scene from the spec, builds one ffmpeg command and runs it.
internal sealed class LocalEngine(FfmpegRunner runner, TimeSpan renderTimeout, string? scratchDirectory = null)
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private readonly string _scratch = scratchDirectory ?? Path.Combine(Path.GetTempPath(), "reelgate-local");

    public TimeSpan RenderTimeout { get; } = renderTimeout;

    /// The exact command RenderAsync runs, minus its -progress reporting, for benchmarks. The
    /// caption file it names is written and left in place so the command can be rerun.
    public IReadOnlyList<string> BuildArguments(RenderSpec spec, string videoPath, string thumbnailPath) =>
        Prepare(spec, videoPath, thumbnailPath).Arguments;

    public async Task<LocalRenderResult> RenderAsync(
        RenderSpec spec,
        string videoPath,
        string thumbnailPath,
        IProgress<RenderProgress>? progress,
        CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var prepared = Prepare(spec, videoPath, thumbnailPath);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(videoPath))!);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(thumbnailPath))!);
            await runner.RenderAsync(prepared.Arguments, spec.DurationSeconds, progress, RenderTimeout, ct).ConfigureAwait(false);
        }
        catch
        {
            TryDelete(videoPath);
            TryDelete(thumbnailPath);
            throw;
        }
        finally
        {
            if (prepared.CaptionPath is not null)
                TryDelete(prepared.CaptionPath);
        }
        return new LocalRenderResult(videoPath, thumbnailPath, new FileInfo(videoPath).Length, clock.Elapsed, prepared.Plan);
    }

    /// Plans the scene, writes the caption file and builds the command. The caption file is named
    /// after the output path and text: stable for a given render, distinct for concurrent ones.
    private (IReadOnlyList<string> Arguments, string? CaptionPath, ScenePlan Plan) Prepare(
        RenderSpec spec, string videoPath, string thumbnailPath)
    {
        var plan = ScenePlanner.Plan(spec);
        var caption = CaptionText(spec);
        var captionPath = caption.Length == 0
            ? null
            : Path.Combine(_scratch, $"caption-{SceneRandom.Fnv1a64(Path.GetFullPath(videoPath) + "\n" + caption):x16}.txt");
        var arguments = FilterGraphBuilder.Build(plan, spec, new RenderOutputs(videoPath, thumbnailPath, captionPath));
        if (captionPath is not null)
        {
            Directory.CreateDirectory(_scratch);
            File.WriteAllText(captionPath, caption, Utf8NoBom);
        }
        return (arguments, captionPath, plan);
    }

    private static string CaptionText(RenderSpec spec) =>
        CaptionFormatter.Format(spec.Prompt, CaptionFormatter.LineChars(spec.Width, CaptionFormatter.FontSize(spec.Height)));

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover partial file is overwritten by the next render anyway.
        }
    }
}
