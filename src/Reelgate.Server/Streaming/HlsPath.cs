namespace Reelgate.Server.Streaming;

/// Which paths under a signed prefix name a file of the package. Pure. Only names FFmpeg and the
/// packager write (`master.m3u8`, `{rendition}/index.m3u8`, `init.mp4`, `seg_000.m4s`): letters,
/// digits, `_`, `-`, and one dot before the extension; at most one folder deep. So `..`, an
/// absolute path, a backslash or an encoded separator can never leave `videos/{task}/hls/{index}/`.
internal static class HlsPath
{
    public static bool Safe(string? path)
    {
        if (string.IsNullOrEmpty(path) || path.Length > 200) return false;
        var parts = path.Split('/');
        if (parts.Length > 2) return false;
        foreach (var part in parts)
        {
            if (part.Length == 0 || part[0] == '.' || part.Count(c => c == '.') > 1) return false;
            if (!part.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.')) return false;
        }
        return Media.Hls.HlsPackager.ContentType(path) is not null;
    }
}
