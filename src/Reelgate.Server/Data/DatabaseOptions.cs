namespace Reelgate.Server.Data;

internal sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// Empty means `Data Source={Storage:Root}/reelgate.db`.
    public string ConnectionString { get; set; } = "";
}
