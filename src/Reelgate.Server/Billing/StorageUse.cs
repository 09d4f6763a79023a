using Reelgate.Server.Data;

namespace Reelgate.Server.Billing;

/// The account's stored bytes (files and finished videos), changed in the transaction of the
/// change that adds or removes them; the storage quota reads it.
internal static class StorageUse
{
    /// Adds `bytes` (negative to release). With a quota above 0, refuses (false) when the total
    /// would exceed it.
    public static async Task<bool> AddAsync(ReelgateDb db, string accountId, long bytes, CancellationToken ct, long quota = 0) =>
        await Sql.ExecuteAsync(db, ct,
            "UPDATE accounts SET storage_bytes = storage_bytes + @bytes WHERE id = @account AND (@quota = 0 OR storage_bytes + @bytes <= @quota)",
            ("bytes", bytes), ("account", accountId), ("quota", quota)) == 1;
}
