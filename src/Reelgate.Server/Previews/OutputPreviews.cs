using Reelgate.Server.Media.Previews;

namespace Reelgate.Server.Previews;

/// The previews stored beside one output's master, kept in its TaskOutput: the animated WebP's key
/// and the spritesheet's key with its grid (the WebVTT track is written from the grid per request,
/// since its cue URLs are signed). A key is null when that file could not be made; `Bytes` counts
/// what was stored, toward the task's output bytes.
internal sealed record OutputPreviews(string? PreviewKey, string? SpritesKey, SpriteGrid? Grid, long Bytes)
{
    public bool HasVtt => SpritesKey is not null && Grid is not null;
}
