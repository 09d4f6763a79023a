using Reelgate.Server.Data;

namespace Reelgate.Server.Idempotency;

/// This request owns an idempotency key. A handler that commits what it creates in a
/// transaction stores its answer in that same transaction (CompleteAsync), so a crash can never
/// leave a created task without its stored answer (and a retry would then create a second one).
internal sealed class IdempotencyClaim(string account, string key)
{
    public bool Completed { get; private set; }

    public static IdempotencyClaim? Of(HttpContext http) => http.Items[typeof(IdempotencyClaim)] as IdempotencyClaim;

    public async Task CompleteAsync(ReelgateDb db, int status, string contentType, string? location, byte[] body, CancellationToken ct)
    {
        await IdempotencyStore.CompleteAsync(db, account, key, status, contentType, location, body, ct);
        Completed = true;
    }
}
