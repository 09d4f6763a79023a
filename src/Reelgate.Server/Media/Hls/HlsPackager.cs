using Reelgate.Server.Media.Renditions;

namespace Reelgate.Server.Media.Hls;

/// One finished rendition file that goes into an HLS package.
internal sealed record HlsInput(RenditionSpec Spec, string Path, MediaInfo Info, string? Profile);

/// An HLS package written to a folder: `master.m3u8` at its root, one folder per rendition with
/// `index.m3u8`, `init.mp4` and the CMAF fMP4 segments; every URI in a playlist is relative, so
/// the folder can be served under any (signed) path prefix. `Files` are paths relative to the
/// folder, with their content types, ready to store under `videos/{task}/hls/{index}/`.
internal sealed record HlsPackage(string Folder, IReadOnlyList<(string RelativePath, string ContentType)> Files);

/// Packages finished renditions as HLS with CMAF fMP4 segments (stream copy, no re-encode).
/// The renditions are cut concurrently: a copy is disk-bound and takes a fraction of a core.
internal sealed class HlsPackager(FfmpegRunner ffmpeg)
{
    public const string Master = "master.m3u8", PlaylistType = "application/vnd.apple.mpegurl", SegmentType = "video/mp4";

    /// HLS carries MP4 renditions (H.264, HEVC, AV1); VP9 WebM is not in HLS.
    public static bool Packages(RenditionSpec spec) => spec.Container == "mp4";

    public async Task<HlsPackage> PackageAsync(IReadOnlyList<HlsInput> ladder, string folder, TimeSpan timeout, CancellationToken ct)
    {
        var inputs = ladder.Where(i => Packages(i.Spec)).ToList();
        if (inputs.Count == 0) throw new ArgumentException("HLS needs at least one MP4 rendition (VP9 WebM is not in HLS).", nameof(ladder));
        Directory.CreateDirectory(folder);
        var variants = await Task.WhenAll(inputs.Select(i => CutAsync(i, folder, timeout, ct)));
        var master = MasterPlaylist.Write([.. variants.OrderBy(v => v.Codecs.StartsWith("avc1", StringComparison.Ordinal) ? 0 : 1).ThenBy(v => v.PeakBandwidth)]);
        await File.WriteAllTextAsync(Path.Combine(folder, Master), master, ct);
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .Select(f => (f, ContentType(f) ?? SegmentType)).ToList();
        return new HlsPackage(folder, files);
    }

    /// The content type a player expects for a file of a package; null for anything else.
    public static string? ContentType(string relativePath) => Path.GetExtension(relativePath) switch
    {
        ".m3u8" => PlaylistType,
        ".mp4" or ".m4s" => SegmentType,
        _ => null,
    };

    async Task<HlsVariant> CutAsync(HlsInput input, string folder, TimeSpan timeout, CancellationToken ct)
    {
        var dir = Path.Combine(folder, input.Spec.Name);
        Directory.CreateDirectory(dir);
        await ffmpeg.RunFfmpegAsync(HlsArgs.For(input.Path, dir, input.Spec.Codec), timeout, ct);
        var (init, segments) = MediaPlaylist.Read(await File.ReadAllTextAsync(Path.Combine(dir, HlsArgs.Playlist), ct));
        var video = CodecStrings.Video(await File.ReadAllBytesAsync(Path.Combine(dir, init ?? HlsArgs.Init), ct))
            ?? throw new InvalidDataException($"The init segment of {input.Spec.Name} holds no H.264, HEVC or AV1 configuration.");
        var codecs = input.Info.AudioCodec is null ? video : $"{video},{CodecStrings.AacLc}";
        var (peak, average) = MediaPlaylist.Bandwidth([.. segments.Select(s => (new FileInfo(Path.Combine(dir, s.Uri)).Length, s.Seconds))]);
        return new HlsVariant($"{input.Spec.Name}/{HlsArgs.Playlist}", peak, average, input.Info.Width, input.Info.Height, codecs, input.Info.Fps);
    }
}
