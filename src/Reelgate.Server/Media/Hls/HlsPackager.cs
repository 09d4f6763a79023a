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
/// Foundation: the signature; the HLS work implements it.
internal sealed class HlsPackager(FfmpegRunner ffmpeg)
{
    public Task<HlsPackage> PackageAsync(IReadOnlyList<HlsInput> ladder, string folder, TimeSpan timeout, CancellationToken ct)
    {
        _ = ffmpeg;
        throw new NotImplementedException("HLS packaging lands with the HLS work.");
    }
}
