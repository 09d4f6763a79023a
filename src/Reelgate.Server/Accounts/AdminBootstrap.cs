using Microsoft.EntityFrameworkCore;
using Reelgate.Server.Data;

namespace Reelgate.Server.Accounts;

/// Makes sure an admin key exists: the configured Auth:AdminKey, or a generated one printed once.
internal static class AdminBootstrap
{
    public const string AdminAccountId = "acct_admin";

    public static async Task EnsureAdminKeyAsync(ReelgateDb db, AuthOptions options, TimeProvider clock, TextWriter console)
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
                    console.WriteLine("Auth:AdminKey names a key that was revoked; it stays revoked. Configure a new secret to replace it.");
                return;
            }
            db.ApiKeys.Add(KeysEndpoints.NewKey(AdminAccountId, "configured admin key", Roles.Admin, clock, options.AdminKey).Key);
            await db.SaveChangesAsync();
            return;
        }
        if (await db.ApiKeys.AnyAsync(k => k.Role == Roles.Admin && k.RevokedAt == null)) return;
        var (key, secret) = KeysEndpoints.NewKey(AdminAccountId, "bootstrap admin key", Roles.Admin, clock);
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync();
        console.WriteLine($"""

            Reelgate admin API key (shown once; only its hash is stored):

                {secret}

            """);
    }
}
