using Reelgate.Server.Providers.Routing;

namespace Reelgate.Server.Tasks.Sequels;

/// What a remote provider that lists `extend` or `remix` among its generation types can build on;
/// Router.Unfit asks this after the type check, so a refusal is the create's 400
/// `unsupported_by_providers` naming the parameter at fault. Pure.
internal static class SequelRoutes
{
    /// Veo's own limits on an extension (the Gemini API, the one adapter listing `extend`).
    public const string ExtendingModels = "veo-3.1", ExtendResolution = "720p";
    public const int VeoAddedSeconds = 7;

    public static (string Param, string Message)? Unfit(Candidate c, GenerationRequest r) => r switch
    {
        { ExtendedFrom: { } e } when !c.UpstreamModel.StartsWith(ExtendingModels, StringComparison.Ordinal) =>
            ("model", $"{c.Provider} extends videos only with Veo 3.1 models, not {c.UpstreamModel}"),
        { ExtendedFrom: not null } when r.Resolution != ExtendResolution =>
            ("resolution", $"{c.Provider} extends only {ExtendResolution} videos, and this one is {r.Resolution}"),
        { ExtendedFrom: { } e } when e.AddedSeconds != VeoAddedSeconds =>
            ("seconds", $"{c.Provider} adds exactly {VeoAddedSeconds} seconds, not {e.AddedSeconds}"),
        // An upstream remixes only a job of its own: the parent's upstream id is what it is asked to remix.
        { RemixedFrom: { } m } when m.Provider != c.Provider || m.Upstream is null =>
            ("id", $"{c.Provider} remixes only videos it made, and this one was made by {m.Provider}"),
        _ => null,
    };
}
