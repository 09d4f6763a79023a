using Microsoft.Extensions.Options;
using Reelgate.Server.Setup;

namespace Reelgate.Server.Catalog;

/// `Catalog:Path`: the catalogue file, relative to the program's folder (default: the models.json
/// shipped beside it). Read and checked once at start-up; a bad file stops the server.
internal sealed class CatalogOptions
{
    public const string Section = "Catalog";
    public const string ShippedFile = "models.json";

    public string Path { get; set; } = ShippedFile;

    public string FullPath => System.IO.Path.GetFullPath(Path, AppContext.BaseDirectory);

    /// Filled once after binding, so the checks and the server share one reading of the file.
    internal (ModelSet? Models, string? Problem) Loaded { get; set; }
}

internal static class CatalogSetup
{
    public static IServiceCollection AddModelCatalog(this IServiceCollection services)
    {
        services.AddOptions<CatalogOptions>().BindConfiguration(CatalogOptions.Section)
            .PostConfigure(o => o.Loaded = CatalogFile.Load(o.FullPath))
            .Check(o => o.Loaded.Problem)
            .ValidateOnStart();
        return services;
    }

    /// Installs the loaded catalogue before anything reads it (prices, routing, requests); a bad
    /// file throws here with the message naming the file and the field.
    public static void UseModelCatalog(this WebApplication app)
    {
        var loaded = app.Services.GetRequiredService<IOptions<CatalogOptions>>().Value.Loaded;
        ModelCatalog.Use(loaded.Models!, app.Services.GetRequiredService<TimeProvider>());
        app.Logger.LogInformation("model catalogue: {Count} model(s) from {Path}", loaded.Models!.Models.Count,
            app.Services.GetRequiredService<IOptions<CatalogOptions>>().Value.FullPath);
    }
}
