namespace Reelgate.Server.Catalog;

/// The catalogue this process serves, read where a request names a model. Pure parsers (the native
/// RequestParser, every dialect's mapping) are static functions that look models up, so the
/// catalogue is one process-wide value installed once at start-up (CatalogSetup.UseModelCatalog:
/// the file Catalog:Path names) rather than a service threaded through each of them. Code that runs
/// without the host (unit tests) sees the file shipped beside the program.
internal static class ModelCatalog
{
    static volatile ModelSet? current;
    static TimeProvider clock = TimeProvider.System;

    public static ModelSet Current => current ??= Shipped();

    public static string DefaultModel => Current.DefaultModel;

    public static IReadOnlyList<ModelSpec> Models => Current.Models;

    /// The model an id or alias names, whatever its lifecycle (a dictionary read).
    public static ModelSpec? Find(string name) => Current.Find(name);

    /// The model that serves a request for `name` now, by the server's clock, with what to tell the client.
    public static ModelChoice? Choose(string name) => Current.Choose(name, clock.GetUtcNow());

    public static void Use(ModelSet models, TimeProvider time)
    {
        clock = time;
        current = models;
    }

    static ModelSet Shipped()
    {
        var (models, problem) = CatalogFile.Load(Path.Combine(AppContext.BaseDirectory, CatalogOptions.ShippedFile));
        return models ?? throw new InvalidOperationException(problem);
    }
}
