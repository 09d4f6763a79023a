using System.Text.Json;
using Reelgate.Server.Data;
using Reelgate.Server.Http;
using Reelgate.Server.Media.Renditions;

namespace Reelgate.Server.Renditions;

/// The `renditions` table's writes. Every change to a task's rows is followed, in the same
/// transaction, by Sync, which rewrites `tasks.renditions_json` (what the status poll shows), so
/// the poll keeps reading one row and never sees rows and summary disagree.
internal static class RenditionRows
{
    const string Columns = """
        id, task_id, account_id, output_index, name, fps_mode, status, error_code, error_message, upscaled, storage_key,
        metadata_json, size_bytes, credits, billing, attempts, lease_owner, lease_expires_at, created_at, started_at, completed_at
        """;

    public static string Select => $"SELECT {Columns} FROM renditions";

    public static Task<int> InsertAsync(ReelgateDb db, RenditionRow r, CancellationToken ct) => Sql.ExecAsync(db, ct, $"""
        INSERT INTO renditions ({Columns}) VALUES (@Id, @TaskId, @AccountId, @OutputIndex, @Name, @FpsMode, @Status, @ErrorCode,
            @ErrorMessage, @Upscaled, @StorageKey, @MetadataJson, @SizeBytes, @Credits, @Billing, @Attempts, @LeaseOwner,
            @LeaseExpiresAt, @CreatedAt, @StartedAt, @CompletedAt)
        ON CONFLICT (task_id, output_index, name) DO NOTHING
        """, r);

    /// A failed rendition asked for again goes back to the queue (a CAS on `failed`); 1 when it did.
    public static Task<int> RequeueAsync(ReelgateDb db, RenditionRow r, CancellationToken ct) => Sql.ExecAsync(db, ct, """
        UPDATE renditions SET status = 'queued', fps_mode = @FpsMode, error_code = NULL, error_message = NULL, credits = @Credits,
               billing = @Billing, attempts = 0, lease_owner = NULL, lease_expires_at = NULL, started_at = NULL, completed_at = NULL,
               storage_key = NULL, metadata_json = NULL, size_bytes = 0
        WHERE id = @Id AND status = 'failed'
        """, r);

    public static Task<List<RenditionRow>> OfTaskAsync(ReelgateDb db, string taskId, CancellationToken ct) =>
        Sql.QueryAsync<RenditionRow>(db, ct, $"{Select} WHERE task_id = @taskId", new { taskId });

    /// Rewrites the task's `renditions_json` from its rows (null when it has none).
    public static async Task SyncAsync(ReelgateDb db, string taskId, CancellationToken ct)
    {
        var rows = await OfTaskAsync(db, taskId, ct);
        var json = rows.Count == 0 ? null : JsonSerializer.Serialize(Entries(rows), Json.Wire);
        await Sql.ExecAsync(db, ct, "UPDATE tasks SET renditions_json = @json WHERE id = @taskId", new { json, taskId });
    }

    /// Retention: the rows go with the files (the caller deletes the `videos/{task}/` prefix).
    public static async Task ForgetAsync(ReelgateDb db, string taskId, CancellationToken ct)
    {
        await Sql.ExecAsync(db, ct, "DELETE FROM renditions WHERE task_id = @taskId", new { taskId });
        await Sql.ExecAsync(db, ct, "UPDATE tasks SET renditions_json = NULL WHERE id = @taskId", new { taskId });
    }

    /// The rows as the poll shows them: by output, in ladder order, the HLS package last. Pure.
    public static List<RenditionEntry> Entries(IEnumerable<RenditionRow> rows) =>
        [.. rows.OrderBy(r => r.OutputIndex).ThenBy(r => Order(r.Name)).Select(r => new RenditionEntry(
            r.OutputIndex, r.Name, r.Status, r.ErrorCode, r.ErrorMessage, r.Upscaled, r.StorageKey,
            r.MetadataJson is null ? null : JsonSerializer.Deserialize<RenditionMetadata>(r.MetadataJson, Json.Wire)))];

    static int Order(string name) => RenditionLadder.Names.IndexOf(name) is var i and >= 0 ? i : int.MaxValue;

    static int IndexOf(this IReadOnlyList<string> list, string name)
    {
        for (var i = 0; i < list.Count; i++) if (list[i] == name) return i;
        return -1;
    }
}
