using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Reelgate.Server.Data;

internal sealed class ReelgateDb(DbContextOptions<ReelgateDb> options) : DbContext(options)
{
    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<VideoTask> Tasks => Set<VideoTask>();
    public DbSet<StoredFile> Files => Set<StoredFile>();
    public DbSet<LedgerEntry> Ledger => Set<LedgerEntry>();
    public DbSet<AccountEvent> AccountEvents => Set<AccountEvent>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<Account>().ToTable("accounts");
        b.Entity<ApiKey>().ToTable("api_keys");
        b.Entity<VideoTask>().ToTable("tasks");
        b.Entity<StoredFile>().ToTable("files");
        b.Entity<LedgerEntry>().ToTable("ledger").Property(e => e.Id).ValueGeneratedOnAdd();
        b.Entity<AccountEvent>().ToTable("account_events").Property(e => e.Id).ValueGeneratedOnAdd();
        // The schema is written by hand in Data/Migrations; map every name to its snake_case column.
        foreach (var entity in b.Model.GetEntityTypes())
            foreach (var property in entity.GetProperties())
                property.SetColumnName(SnakeCase(property.Name));
    }

    internal static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) sb.Append('_');
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }
}
