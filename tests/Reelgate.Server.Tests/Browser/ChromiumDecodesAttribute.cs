namespace Reelgate.Server.Tests.Browser;

/// A test of playing one codec in Chromium: skipped, with the reason, when this Chromium says it
/// cannot decode that codec at all (Debian's build has no HEVC decoder without hardware decoding).
/// Decided by asking the browser (canPlayType), not assumed. xunit reads Skip while it discovers
/// every test, so the answer is asked once per Chromium build and kept in tests/browser/node_modules;
/// without the browser tools nothing is skipped, and the tests fail with how to install them.
public sealed class ChromiumDecodesAttribute : FactAttribute
{
    /// Representative MIME types of the ladder's codecs; Chromium decides by codec family.
    internal static readonly Dictionary<string, string> Types = new()
    {
        ["h264"] = "video/mp4; codecs=\"avc1.640028\"",
        ["hevc"] = "video/mp4; codecs=\"hvc1.1.6.L150.90\"",
        ["av1"] = "video/mp4; codecs=\"av01.0.12M.08\"",
        ["vp9"] = "video/webm; codecs=\"vp9\"",
    };

    static readonly Lazy<IReadOnlyDictionary<string, bool>?> Answers = new(Chromium.CachedCanPlay);

    public ChromiumDecodesAttribute(string codec)
    {
        if (!Decodes(codec))
            Skip = $"this Chromium cannot decode {codec} (canPlayType(\"{Types[codec]}\") is \"\"): no software decoder in its build";
    }

    public static bool Decodes(string codec) => Answers.Value?[Types[codec]] ?? true;
}
