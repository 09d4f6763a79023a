using Microsoft.EntityFrameworkCore;
using Reelgate.Server.Data;

namespace Reelgate.Server.Accounts;

/// Makes sure an admin key exists: the configured Auth:AdminKey, or a generated one shown once.
internal static class AdminBootstrap
{
    public const string AdminAccountId = "acct_admin";
    public const string KeyFileName = "admin-key.txt";

    /// Where a generated key goes. Stdout is shown only to a person at a terminal: a service's or
    /// container's stdout is its log, and logs are shipped and kept where anyone with log access
    /// reads them. Otherwise the key goes to KeyFile, readable by its owner only.
    public sealed record KeyOutput(bool Terminal, TextWriter Console, string KeyFile, ILogger Log);

    public static async Task EnsureAdminKeyAsync(ReelgateDb db, AuthOptions options, TimeProvider clock, KeyOutput output)
    {
        if (!await db.Accounts.AnyAsync(a => a.Id == AdminAccountId))
        {
            db.Accounts.Add(new Account { Id = AdminAccountId, Name = "admin", Tier = Tiers.Unlimited, CreatedAt = clock.GetUtcNow().ToUnixTimeMilliseconds() });
            await db.SaveChangesAsync();
        }
        if (!string.IsNullOrWhiteSpace(options.AdminKey))
        {
            var hash = KeyTokens.Hash(options.AdminKey);
            // A configured key that was revoked stays revoked: set a new Auth:AdminKey to replace it.
            if (await db.ApiKeys.AnyAsync(k => k.Hash == hash))
            {
                if (await db.ApiKeys.AnyAsync(k => k.Hash == hash && k.RevokedAt != null))
                    output.Log.LogWarning("Auth:AdminKey names a key that was revoked; it stays revoked. Configure a new secret to replace it.");
                return;
            }
            db.ApiKeys.Add(KeysEndpoints.NewKey(AdminAccountId, "configured admin key", Roles.Admin, clock, options.AdminKey).Key);
            await db.SaveChangesAsync();
            return;
        }
        if (await db.ApiKeys.AnyAsync(k => k.Role == Roles.Admin && k.RevokedAt == null)) return;
        var (key, secret) = KeysEndpoints.NewKey(AdminAccountId, "bootstrap admin key", Roles.Admin, clock);
        // Written before the key is stored: a start that cannot keep the key must not create one.
        if (!output.Terminal) WriteOwnerOnly(output.KeyFile, secret);
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync();
        if (output.Terminal)
            output.Console.WriteLine($"""

                Reelgate admin API key (shown once; only its hash is stored):

                    {secret}

                """);
        else
            output.Log.LogWarning("A new admin API key was generated and written to {KeyFile} (readable by its owner only); only its hash is stored. Move it somewhere safe and delete the file.", output.KeyFile);
    }

    /// Replaces any earlier file (its key was revoked, or a new one would not have been made) with
    /// one created as 0600, so the key is never readable by others, not even for a moment.
    static void WriteOwnerOnly(string path, string secret)
    {
        File.Delete(path);
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var file = new StreamWriter(path, create);
        file.WriteLine(secret);
    }
}
