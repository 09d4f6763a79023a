namespace Reelgate.Server.Catalog;

/// Settings keyed by our model names (a provider's `Models` map, ComfyUI's `Workflows`): the
/// value for a model, whichever of its id or aliases the operator wrote as the key.
internal static class ModelMap
{
    public static string? Lookup(IReadOnlyDictionary<string, string> map, string model)
    {
        if (map.TryGetValue(model, out var hit)) return hit;
        if (ModelCatalog.Find(model) is not { } spec) return null;
        foreach (var name in spec.Aliases.Prepend(spec.Id))
            if (map.TryGetValue(name, out var found)) return found;
        return null;
    }

    /// A provider's id for one of our models: the operator's entry in the provider's `Models`
    /// option, else the catalogue's `upstream.<provider>`; null when neither names one.
    public static string? Upstream(IReadOnlyDictionary<string, string> map, string provider, string model) =>
        Lookup(map, model) ?? ModelCatalog.Find(model)?.Upstream.GetValueOrDefault(provider);
}
