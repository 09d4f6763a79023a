using Reelgate.Server.Catalog;

namespace Reelgate.Server.Providers.Routing;

/// One adapter with its options (the routing settings among them) and its defaults for what it can do.
internal sealed record RemoteEntry(
    IRemoteProvider Provider, RemoteProviderOptions Settings, Func<string, string?> UpstreamId, IReadOnlySet<string> DefaultTypes, int DefaultMaxN, int? OnlyFps = null)
{
    /// `GenerationTypes` narrows what the adapter creates; extend/remix are the adapter's own abilities (Tasks/Sequels) and stay.
    public IReadOnlySet<string> Types => Settings.GenerationTypes is { Length: > 0 } t
        ? t.Concat(DefaultTypes.Where(d => d is Tasks.Sequels.SequelTypes.Extend or Tasks.Sequels.SequelTypes.Remix)).ToHashSet() : DefaultTypes;
    public int MaxN => Settings.MaxN ?? DefaultMaxN;

    public static readonly IReadOnlySet<string> AllTypes = new HashSet<string>
        { GenerationTypes.Text, GenerationTypes.FirstFrame, GenerationTypes.FirstLast, GenerationTypes.Reference };
}
