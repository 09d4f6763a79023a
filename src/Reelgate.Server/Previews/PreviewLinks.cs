using Reelgate.Server.Links;
using Reelgate.Server.Tasks;

namespace Reelgate.Server.Previews;

/// The signed, key-free links of an output's previews (`/links/{task}/{index}/{file}`); each null
/// when that preview does not exist. The WebVTT track's own cues point at the spritesheet's link.
internal sealed record PreviewLinks(SignedLink? Preview, SignedLink? Spritesheet, SignedLink? Vtt)
{
    public const string PreviewFile = "preview.webp", SpritesheetFile = "spritesheet.jpg", VttFile = "thumbnails.vtt";

    public static readonly PreviewLinks None = new(null, null, null);

    public static PreviewLinks Of(SignedLinks links, string taskId, TaskOutput o, long expires, string origin)
    {
        if (o.Previews is not { } p) return None;
        SignedLink? Link(bool exists, string file) => exists ? links.For(taskId, o.Index, file, expires, origin) : null;
        return new PreviewLinks(Link(p.PreviewKey is not null, PreviewFile), Link(p.SpritesKey is not null, SpritesheetFile), Link(p.HasVtt, VttFile));
    }

    /// The /content variant a signed link's file name stands for; null for any other name.
    public static string? VariantOf(string file) => file switch
    {
        PreviewFile => PreviewContent.Preview,
        SpritesheetFile => PreviewContent.Spritesheet,
        VttFile => PreviewContent.Vtt,
        _ => null,
    };
}
