namespace Reelgate.Server.Tasks.Sequels;

/// The finished video an `extend` continues or a `remix` redoes: a task of the same account (its
/// output 0), who served it and the upstream's id for it (a provider can build on its own job
/// only), its length, and for an extension the seconds added. Kept in the stored request.
internal sealed record SequelSource(string VideoId, string Provider, string? Upstream, double ParentSeconds, int AddedSeconds = 0);

/// The two kinds of sequel. Not in GenerationTypes.All: no create request names them.
internal static class SequelTypes
{
    public const string Extend = "extend";
    public const string Remix = "remix";

    /// The source of a sequel request, or null for any other task.
    public static SequelSource? SourceOf(GenerationRequest r) => r.ExtendedFrom ?? r.RemixedFrom;
}
