using System.Text;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Reelgate.Server.Data;
using Reelgate.Server.Http;

namespace Reelgate.Server.Webhooks;

/// Sends due delivery rows, up to Webhooks:Concurrency at once. A row is taken with a lease
/// (a compare-and-swap to `sending`); a process that dies mid-attempt leaves a lease that
/// expires, and the row is sent again with the same `webhook-id`, so receivers can drop the
/// repeat. Every attempt is recorded with its answer, in batches by one recorder.
internal sealed class DeliveryWorker(
    IDbContextFactory<ReelgateDb> dbs, WebhooksOptions options, DeliverySignal signal, Compat.DialectCallbacks dialects, TimeProvider clock, ILogger<DeliveryWorker> log) : BackgroundService
{
    readonly string me = $"{Environment.MachineName}-{Environment.ProcessId}-wh-{Guid.NewGuid().ToString("N")[..6]}";
    readonly double[] schedule = options.Schedule();

    /// A claimed webhook_deliveries row, mapped by column name.
    sealed record Due
    {
        public string Id { get; init; } = "";
        public string AccountId { get; init; } = "";
        public string? EndpointId { get; init; }
        public string Url { get; init; } = "";
        public string Payload { get; init; } = "";
        public int Attempts { get; init; }
        public int RoundStart { get; init; }
        /// Set for a dialect task's callback: that dialect signs it and bounds its attempts.
        public string? Dialect { get; init; }
    }

    /// Who signs: an endpoint's secrets, or an account's callback secrets (always enabled).
    sealed record SecretRow
    {
        public string Id { get; init; } = "";
        public string? Secret { get; init; }
        public string? PreviousSecret { get; init; }
        public long? PreviousExpiresAt { get; init; }
        public bool Enabled { get; init; }
    }

    sealed record Done(Due Due, DeliverySender.Outcome? Outcome, RetryPolicy.Decision Decision, long Started, string? Error);

    readonly Channel<Done> finished = Channel.CreateUnbounded<Done>(new UnboundedChannelOptions { SingleReader = true });

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        using var sender = new DeliverySender(options);
        using var slots = new SemaphoreSlim(options.Concurrency);
        var active = new List<Task>();
        var recorder = Task.Run(RecordLoopAsync, CancellationToken.None);
        var poll = TimeSpan.FromMilliseconds(options.PollMilliseconds);
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                await slots.WaitAsync(stopping);
                var want = 1;
                while (want < 64 && slots.Wait(0)) want++;
                List<Due> due = [];
                Dictionary<string, IReadOnlyList<string>?> secrets = [];
                try
                {
                    due = await ClaimAsync(want, stopping);
                    if (due.Count > 0) secrets = await SecretsAsync(due, stopping);
                }
                catch (Exception e) when (e is not OperationCanceledException) { log.LogWarning(e, "webhook claim failed; retrying after the poll interval"); }
                if (due.Count < want) slots.Release(want - due.Count);
                active.RemoveAll(t => t.IsCompleted);
                foreach (var d in due)
                    active.Add(Task.Run(async () =>
                    {
                        try { await AttemptAsync(sender, d, secrets.GetValueOrDefault(d.Id), stopping); }
                        catch (Exception e) when (e is not OperationCanceledException) { log.LogError(e, "webhook delivery {Id} escaped its attempt", d.Id); }
                        finally { slots.Release(); }
                    }, CancellationToken.None));
                if (due.Count == 0) await signal.WaitAsync(poll, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested) { }
        try { await Task.WhenAll(active); } catch (OperationCanceledException) { }
        finished.Writer.Complete();
        await recorder;
    }

    async Task<List<Due>> ClaimAsync(int count, CancellationToken ct)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        // An attempt ends within the timeout; the lease outlasts it with room for recording it.
        var until = now + (long)((options.TimeoutSeconds * 2 + 5) * 1000);
        await using var db = await dbs.CreateDbContextAsync(ct);
        var lockRows = db.Database.IsNpgsql() ? "FOR UPDATE SKIP LOCKED" : "";
        return await Sql.QueryAsync<Due>(db, ct, $"""
            UPDATE webhook_deliveries SET status = 'sending', lease_owner = @me, lease_expires_at = @until
            WHERE id IN (SELECT id FROM webhook_deliveries
                         WHERE (status = 'pending' AND next_attempt_at <= @now) OR (status = 'sending' AND lease_expires_at < @now)
                         ORDER BY next_attempt_at LIMIT @count {lockRows})
            RETURNING id, account_id, endpoint_id, url, payload, attempts, round_start, dialect
            """, new { me, until, now, count });
    }

    async Task AttemptAsync(DeliverySender sender, Due d, IReadOnlyList<string>? secrets, CancellationToken stopping)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (secrets is null)
        {
            finished.Writer.TryWrite(new Done(d, null, new RetryPolicy.Decision(DeliveryStatuses.Failed, null, false), now, "endpoint disabled or deleted"));
            return;
        }
        var body = Encoding.UTF8.GetBytes(d.Payload);
        var timestamp = now / 1000;
        var dialect = dialects.For(d.Dialect);
        var headers = dialect?.Sign(secrets, d.Id, timestamp, body) ?? WebhookSignature.Headers(secrets, d.Id, timestamp, body);
        var outcome = await sender.SendAsync(d.Url, body, headers, stopping);
        var rounds = dialect?.MaxAttempts is { } max && max < schedule.Length ? schedule[..max] : schedule;
        var decision = RetryPolicy.Decide(outcome.StatusCode, d.Attempts + 1 - d.RoundStart, rounds, clock.GetUtcNow().ToUnixTimeMilliseconds());
        finished.Writer.TryWrite(new Done(d, outcome, decision, now, outcome.Error ?? (decision.Status == DeliveryStatuses.Succeeded ? null : $"HTTP {outcome.StatusCode}")));
        if (decision.Status != DeliveryStatuses.Succeeded)
            log.LogInformation("webhook {Id} attempt {Attempt} to {Url}: {Error}; now {Status}", d.Id, d.Attempts + 1, UrlRedaction.Redact(d.Url), outcome.Error ?? $"HTTP {outcome.StatusCode}", decision.Status);
    }

    /// The secrets that sign each delivery of a batch (two queries); null for a delivery whose
    /// endpoint is disabled or gone.
    async Task<Dictionary<string, IReadOnlyList<string>?>> SecretsAsync(List<Due> due, CancellationToken ct)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var endpoints = await SecretRowsAsync(db, "SELECT id, secret, previous_secret, previous_expires_at, enabled FROM webhook_endpoints",
            due.Where(d => d.EndpointId is not null).Select(d => d.EndpointId!), now, ct);
        var accounts = await SecretRowsAsync(db, "SELECT id, webhook_secret AS secret, webhook_previous_secret AS previous_secret, webhook_previous_expires_at AS previous_expires_at, 1 AS enabled FROM accounts",
            due.Where(d => d.EndpointId is null).Select(d => d.AccountId), now, ct);
        return due.ToDictionary(d => d.Id, d => d.EndpointId is { } e ? endpoints.GetValueOrDefault(e) : accounts.GetValueOrDefault(d.AccountId));
    }

    static async Task<Dictionary<string, IReadOnlyList<string>?>> SecretRowsAsync(ReelgateDb db, string select, IEnumerable<string> ids, long now, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        if (list.Count == 0) return [];
        var parameters = new Dapper.DynamicParameters();
        var rows = await Sql.QueryAsync<SecretRow>(db, ct, $"{select} WHERE id IN {Sql.InList(parameters, "i", list)}", parameters);
        return rows.ToDictionary(r => r.Id, r => r.Enabled && r.Secret is { } current
            ? WebhookSignature.Valid(current, r.PreviousSecret, r.PreviousExpiresAt, now) : null);
    }

    /// Writes finished attempts in batches, one transaction each: on SQLite one writer instead
    /// of one per attempt in flight. A batch lost to a crash leaves leases that expire, and the
    /// deliveries are sent again with the same id.
    async Task RecordLoopAsync()
    {
        var batch = new List<Done>();
        while (await finished.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < 256 && finished.Reader.TryRead(out var done)) batch.Add(done);
            try { await RecordAsync(batch); }
            catch (Exception e) { log.LogWarning(e, "recording {Count} webhook attempt(s) failed; their leases will expire and they will be sent again", batch.Count); }
        }
    }

    /// Each attempt's row and its delivery's new state, together; only while the lease is ours.
    async Task RecordAsync(List<Done> batch)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var db = await dbs.CreateDbContextAsync();
        await using var tx = await db.Database.BeginTransactionAsync();
        foreach (var (d, outcome, decision, started, error) in batch)
        {
            var won = await Sql.ExecuteAsync(db, CancellationToken.None, """
                UPDATE webhook_deliveries SET status = @status, attempts = attempts + @counted, next_attempt_at = @next,
                       last_status_code = @code, last_error = @error, delivered_at = @delivered, lease_owner = NULL, lease_expires_at = NULL
                WHERE id = @id AND status = 'sending' AND lease_owner = @me
                """, ("status", decision.Status), ("counted", outcome is null ? 0 : 1), ("next", decision.NextAttemptAt), ("code", outcome?.StatusCode),
                ("error", error), ("delivered", decision.Status == DeliveryStatuses.Succeeded ? now : null), ("id", d.Id), ("me", me));
            if (won == 0) continue;
            if (outcome is not null)
                await Sql.ExecuteAsync(db, CancellationToken.None, """
                    INSERT INTO webhook_attempts (delivery_id, attempt, started_at, duration_ms, status_code, error, response_body)
                    VALUES (@id, @attempt, @started, @duration, @code, @error, @body)
                    """, ("id", d.Id), ("attempt", d.Attempts + 1), ("started", started), ("duration", outcome.DurationMs),
                    ("code", outcome.StatusCode), ("error", outcome.Error), ("body", outcome.Body));
            if (decision.DisableEndpoint && d.EndpointId is { } endpoint)
            {
                await Sql.ExecuteAsync(db, CancellationToken.None,
                    "UPDATE webhook_endpoints SET enabled = 0, disabled_reason = @reason, updated_at = @now WHERE id = @id",
                    ("reason", "The endpoint answered 410 Gone."), ("now", now), ("id", endpoint));
                log.LogWarning("webhook endpoint {Endpoint} disabled: it answered 410 Gone", endpoint);
            }
        }
        await tx.CommitAsync();
    }
}
