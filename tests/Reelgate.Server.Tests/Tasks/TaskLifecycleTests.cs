using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Reelgate.Server.Accounts;
using Reelgate.Server.Billing;
using Reelgate.Server.Compat;
using Reelgate.Server.Data;
using Reelgate.Server.Http;
using Reelgate.Server.Links;
using Reelgate.Server.Tasks;
using Reelgate.Server.Tasks.Lifecycle;
using Reelgate.Server.Tasks.Waiting;
using Reelgate.Server.Tests.Support;
using Reelgate.Server.Webhooks;
using Reelgate.Server.Worker;

namespace Reelgate.Server.Tests.Tasks;

/// Each transition of Tasks/Lifecycle on a real database (SQLite, or PostgreSQL when the suite
/// runs there): the columns it writes, what it does to the account's money and storage, and the
/// webhook rows it records — checked together, and checked again when the transition loses its
/// compare-and-swap (nothing may change then).
public sealed class TaskLifecycleTests : IDisposable
{
    const string Account = "acct_life", Worker = "worker-a";
    static readonly long Price = Credits.FromDecimal(23.04m), Grant = Credits.FromDecimal(100);
    readonly InProcessDatabase database = new();
    readonly Tiers tiers = new(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Tiers:life:MonthlyCredits"] = "100",
    }).Build());
    readonly TaskLifecycle lifecycle;

    public TaskLifecycleTests()
    {
        var webhooks = new WebhooksOptions { AllowHttp = true, AllowPrivateNetworks = true };
        var views = new TaskViews();
        var links = new SignedLinks(new LinkKey(new byte[32]), Options.Create(new LinksOptions()), TimeProvider.System);
        var outbox = new Outbox(new TaskJson(views, links), views, links, new DialectCallbacks([]), webhooks, new DeliverySignal());
        lifecycle = new TaskLifecycle(outbox, new TaskEnded(), TimeProvider.System);
    }

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task Claim_TakesTheQueuedTask_CountsAnAttempt_NoMoneyNoEvent()
    {
        var id = await SubmitAsync();
        var claimed = await ClaimAsync();
        Assert.Equal(id, claimed!.Id);
        var s = await SnapshotAsync(id);
        Assert.Equal((TaskStatuses.InProgress, Worker, 1), (s.Row.Status, s.Row.LeaseOwner, s.Row.Attempts));
        Assert.NotNull(s.Row.StartedAt);
        Assert.NotNull(s.Row.LeaseExpiresAt);
        Assert.Equal([LedgerKinds.Hold], s.Ledger);
        Assert.Equal(Grant - Price, s.Balance);
        Assert.Empty(s.Events);
        Assert.Null(await ClaimAsync()); // nothing else is queued
    }

    [Fact]
    public async Task Beat_WritesProgressAndLease_OnlyWhileTheLeaseIsOurs()
    {
        var id = await RunningAsync();
        await using (var db = database.Open())
        {
            Assert.True(await TaskLifecycle.BeatAsync(db, new TaskLease(id, Worker), 42, 17, 9_999_999_999_999, default));
            Assert.False(await TaskLifecycle.BeatAsync(db, new TaskLease(id, "worker-b"), 90, 1, 1, default));
        }
        var s = await SnapshotAsync(id);
        Assert.Equal((42, (int?)17, (long?)9_999_999_999_999), (s.Row.Progress, s.Row.EtaSeconds, s.Row.LeaseExpiresAt));
        Assert.Equal([LedgerKinds.Hold], s.Ledger);
        Assert.Empty(s.Events);
    }

    [Fact]
    public async Task Complete_WritesOutputs_SettlesOnce_CountsStorage_RecordsCompleted()
    {
        var id = await RunningAsync(progress: 60, eta: 12);
        var delivery = new Delivery("local", "[]", 5_000, 1, 1, 24);
        await using (var db = database.Open())
        {
            Assert.True(await lifecycle.CompleteAsync(db, new TaskLease(id, Worker), delivery, default));
            Assert.False(await lifecycle.CompleteAsync(db, new TaskLease(id, Worker), delivery, default));
        }
        var s = await SnapshotAsync(id);
        Assert.Equal((TaskStatuses.Completed, 100, (int?)0, "[]"), (s.Row.Status, s.Row.Progress, s.Row.EtaSeconds, s.Row.OutputsJson));
        Assert.Equal((null, null, 5_000L), (s.Row.ErrorCode, s.Row.LeaseOwner, s.Row.OutputBytes));
        Assert.Null(s.Row.LeaseExpiresAt);
        Assert.Equal(s.Row.CompletedAt + 24 * 3_600_000, s.Row.ExpiresAt);
        Assert.Equal([LedgerKinds.Hold, LedgerKinds.Settle], s.Ledger);
        Assert.Equal((Grant - Price, 5_000L, BillingStates.Charged), (s.Balance, s.StorageBytes, s.Row.Billing));
        Assert.Equal([WebhookEvents.Completed], s.Events);
    }

    [Fact]
    public async Task Complete_WithFewerVideosThanAsked_ChargesWhatWasDelivered()
    {
        var id = await RunningAsync();
        await using (var db = database.Open())
            Assert.True(await lifecycle.CompleteAsync(db, new TaskLease(id, Worker), new Delivery("gemini", "[]", 10, 1, 2, 24), default));
        var s = await SnapshotAsync(id);
        Assert.Equal(("gemini", Price / 2), (s.Row.Provider, s.Row.Credits));
        Assert.Equal([LedgerKinds.Hold, LedgerKinds.Settle, LedgerKinds.Refund], s.Ledger);
        Assert.Equal(Grant - Price / 2, s.Balance);
        Assert.Equal([WebhookEvents.Completed], s.Events);
    }

    [Fact]
    public async Task Fail_ClearsProgressAndLease_RefundsOnce_RecordsFailed()
    {
        var id = await RunningAsync(progress: 70, eta: 5);
        await using (var db = database.Open())
        {
            Assert.True(await lifecycle.FailAsync(db, new TaskLease(id, Worker), "local", "render_failed", "boom", default));
            Assert.False(await lifecycle.FailAsync(db, new TaskLease(id, Worker), "local", "render_failed", "again", default));
        }
        var s = await SnapshotAsync(id);
        AssertEnded(s, TaskStatuses.Failed, "render_failed");
        Assert.Equal("boom", s.Row.ErrorMessage);
        Assert.Equal([LedgerKinds.Hold, LedgerKinds.Refund], s.Ledger);
        Assert.Equal((Grant, BillingStates.Refunded), (s.Balance, s.Row.Billing));
        Assert.Equal([WebhookEvents.Failed], s.Events);
    }

    [Fact]
    public async Task GiveUp_FailsWithTooManyAttempts_ClearsProgress_Refunds()
    {
        var id = await RunningAsync(progress: 33, eta: 40);
        await using (var db = database.Open())
            Assert.True(await lifecycle.GiveUpAsync(db, new TaskLease(id, Worker), 3, default));
        var s = await SnapshotAsync(id);
        AssertEnded(s, TaskStatuses.Failed, "too_many_attempts");
        Assert.Equal([LedgerKinds.Hold, LedgerKinds.Refund], s.Ledger);
        Assert.Equal(Grant, s.Balance);
        Assert.Equal([WebhookEvents.Failed], s.Events);
    }

    [Fact]
    public async Task Cancel_Running_EndsIt_TheWorkerLosesItsLease_RefundsOnce()
    {
        var id = await RunningAsync(progress: 50, eta: 10);
        await using (var db = database.Open())
        {
            Assert.False(await lifecycle.CancelAsync(db, id, TaskStatuses.Queued, default)); // the status it read is stale
            Assert.True(await lifecycle.CancelAsync(db, id, TaskStatuses.InProgress, default));
            Assert.False(await TaskLifecycle.BeatAsync(db, new TaskLease(id, Worker), 80, 1, 1, default));
            Assert.False(await lifecycle.CompleteAsync(db, new TaskLease(id, Worker), new Delivery("local", "[]", 1, 1, 1, 24), default));
        }
        var s = await SnapshotAsync(id);
        AssertEnded(s, TaskStatuses.Cancelled, "cancelled");
        Assert.Equal([LedgerKinds.Hold, LedgerKinds.Refund], s.Ledger);
        Assert.Equal((Grant, 0L), (s.Balance, s.StorageBytes));
        Assert.Equal([WebhookEvents.Cancelled], s.Events);
    }

    [Fact]
    public async Task Cancel_Queued_RefundsAndRecordsCancelled_ButNotAFinishedTask()
    {
        var id = await SubmitAsync();
        await using (var db = database.Open())
        {
            Assert.True(await lifecycle.CancelAsync(db, id, TaskStatuses.Queued, default));
            Assert.False(await lifecycle.CancelAsync(db, id, TaskStatuses.Cancelled, default));
        }
        var s = await SnapshotAsync(id);
        AssertEnded(s, TaskStatuses.Cancelled, "cancelled");
        Assert.Equal([LedgerKinds.Hold, LedgerKinds.Refund], s.Ledger);
        Assert.Equal([WebhookEvents.Cancelled], s.Events);
    }

    [Fact]
    public async Task Expire_QueuedPastItsDeadline_CancelsWithDeadlineExceeded_RefundsOnce_RecordsCancelled()
    {
        var id = await SubmitAsync(deadlineAt: Now() - 1);
        await using (var db = database.Open())
        {
            Assert.True(await lifecycle.ExpireAsync(db, id, default));
            Assert.False(await lifecycle.ExpireAsync(db, id, default)); // already ended
        }
        var s = await SnapshotAsync(id);
        AssertEnded(s, TaskStatuses.Cancelled, TaskLifecycle.DeadlineExceeded);
        Assert.Equal([LedgerKinds.Hold, LedgerKinds.Refund], s.Ledger);
        Assert.Equal(Grant, s.Balance);
        Assert.Equal([WebhookEvents.Cancelled], s.Events);
    }

    [Fact]
    public async Task Expire_RunningPastItsDeadline_EndsIt_TheWorkerLosesItsLease_Refunds()
    {
        var id = await RunningAsync(progress: 40, eta: 20, deadlineAt: Now() - 1);
        await using (var db = database.Open())
        {
            Assert.True(await lifecycle.ExpireAsync(db, id, default));
            Assert.False(await TaskLifecycle.BeatAsync(db, new TaskLease(id, Worker), 80, 1, 1, default));
            Assert.False(await lifecycle.CompleteAsync(db, new TaskLease(id, Worker), new Delivery("local", "[]", 1, 1, 1, 24), default));
        }
        var s = await SnapshotAsync(id);
        AssertEnded(s, TaskStatuses.Cancelled, TaskLifecycle.DeadlineExceeded);
        Assert.Equal([LedgerKinds.Hold, LedgerKinds.Refund], s.Ledger);
        Assert.Equal((Grant, 0L), (s.Balance, s.StorageBytes));
        Assert.Equal([WebhookEvents.Cancelled], s.Events);
    }

    [Fact]
    public async Task Expire_BeforeTheDeadline_WithoutOne_OrAfterTheTaskFinished_ChangesNothing()
    {
        var finished = await RunningAsync(deadlineAt: Now() - 1);
        var ahead = await SubmitAsync(deadlineAt: Now() + 3_600_000);
        var none = await SubmitAsync();
        await using (var db = database.Open())
        {
            Assert.True(await lifecycle.CompleteAsync(db, new TaskLease(finished, Worker), new Delivery("local", "[]", 5, 1, 1, 24), default));
            Assert.False(await lifecycle.ExpireAsync(db, ahead, default));
            Assert.False(await lifecycle.ExpireAsync(db, none, default));
            Assert.False(await lifecycle.ExpireAsync(db, finished, default));
        }
        foreach (var id in new[] { ahead, none })
        {
            var s = await SnapshotAsync(id);
            Assert.Equal((TaskStatuses.Queued, (string?)null), (s.Row.Status, s.Row.ErrorCode));
            Assert.Equal([LedgerKinds.Hold], s.Ledger);
            Assert.Empty(s.Events);
        }
        var done = await SnapshotAsync(finished);
        Assert.Equal(TaskStatuses.Completed, done.Row.Status);
        Assert.Equal([LedgerKinds.Hold, LedgerKinds.Settle], done.Ledger);
        Assert.Equal([WebhookEvents.Completed], done.Events);
    }

    static long Now() => TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();

    [Fact]
    public async Task Requeue_ReturnsTheTaskUncounted_NoMoneyNoEvent()
    {
        var id = await RunningAsync(progress: 20, eta: 30);
        await using (var db = database.Open())
            Assert.True(await TaskLifecycle.RequeueAsync(db, new TaskLease(id, Worker), default));
        var s = await SnapshotAsync(id);
        Assert.Equal((TaskStatuses.Queued, 0, (int?)null, 0), (s.Row.Status, s.Row.Progress, s.Row.EtaSeconds, s.Row.Attempts));
        Assert.Null(s.Row.LeaseOwner);
        Assert.Equal([LedgerKinds.Hold], s.Ledger);
        Assert.Empty(s.Events);
        Assert.Equal(id, (await ClaimAsync())!.Id); // and it can be claimed again
    }

    [Fact]
    public async Task Remove_DeletesAFinishedTask_AndGivesItsStorageBack()
    {
        var id = await RunningAsync();
        await using (var db = database.Open())
            Assert.True(await lifecycle.CompleteAsync(db, new TaskLease(id, Worker), new Delivery("local", "[]", 7_000, 1, 1, 24), default));
        var done = (await SnapshotAsync(id)).Row;
        await using (var db = database.Open())
        {
            Assert.False(await TaskLifecycle.RemoveAsync(db, new VideoTask
            {
                Id = id, AccountId = Account, Status = TaskStatuses.Failed, Model = done.Model, Provider = "local", Prompt = "", RequestJson = "{}", Size = "",
            }, default)); // read as failed: the CAS on the status it read fails
            Assert.True(await TaskLifecycle.RemoveAsync(db, done, default));
            Assert.False(await db.Tasks.AnyAsync(t => t.Id == id));
        }
        Assert.Equal(0L, (await AccountAsync()).StorageBytes);
    }

    static void AssertEnded(Snapshot s, string status, string code)
    {
        Assert.Equal((status, code, 0, (int?)null), (s.Row.Status, s.Row.ErrorCode, s.Row.Progress, s.Row.EtaSeconds));
        Assert.Equal((null, (long?)null, (long?)null), (s.Row.LeaseOwner, s.Row.LeaseExpiresAt, s.Row.ExpiresAt));
        Assert.NotNull(s.Row.CompletedAt);
        Assert.Equal(BillingStates.Refunded, s.Row.Billing);
    }

    /// A metered task with a hold and a callback_url, queued, as TaskSubmission writes it.
    async Task<string> SubmitAsync(long? deadlineAt = null)
    {
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        var id = Ids.New("video", TimeProvider.System);
        await using var db = database.Open();
        if (!await db.Accounts.AnyAsync(a => a.Id == Account))
        {
            db.Accounts.Add(new Account { Id = Account, Name = "life", Tier = "life", CreatedAt = 1 });
            await db.SaveChangesAsync();
        }
        var request = new GenerationRequest("veo-3.1-fast-generate-preview", "a lighthouse", null, 8, "16:9", "720p", 1280, 720, 24, "text", [], 7, 1,
            false, null, "pad", false, "http://127.0.0.1:9/hook", null);
        await using var tx = await db.Database.BeginTransactionAsync();
        var (passed, error) = await SubmitGate.PassAsync(db, tiers.For("life"), tiers, Account, id, request.Model, 8, Price, hold: true, now, default);
        Assert.True(passed is not null, error?.Message);
        db.Tasks.Add(new VideoTask
        {
            Id = id, AccountId = Account, Status = TaskStatuses.Queued, Model = request.Model, Provider = "local", Prompt = request.Prompt,
            RequestJson = JsonSerializer.Serialize(request, Json.Wire), Seconds = 8, Size = "1280x720", CreatedAt = now,
            Credits = Price, Billing = BillingStates.Held, Origin = "http://127.0.0.1:8080", DeadlineAt = deadlineAt,
        });
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return id;
    }

    async Task<string> RunningAsync(int progress = 0, int? eta = null, long? deadlineAt = null)
    {
        var id = await SubmitAsync(deadlineAt);
        Assert.Equal(id, (await ClaimAsync())!.Id);
        await using var db = database.Open();
        Assert.True(await TaskLifecycle.BeatAsync(db, new TaskLease(id, Worker), progress, eta, 9_999_999_999_999, default));
        return id;
    }

    async Task<VideoTask?> ClaimAsync()
    {
        await using var db = database.Open();
        return await TaskClaimer.ClaimAsync(db, new FairQueue(tiers), Worker, new WorkerOptions(), TimeProvider.System, default);
    }

    async Task<Account> AccountAsync()
    {
        await using var db = database.Open();
        return await db.Accounts.AsNoTracking().FirstAsync(a => a.Id == Account);
    }

    async Task<Snapshot> SnapshotAsync(string id)
    {
        await using var db = database.Open();
        var row = await db.Tasks.AsNoTracking().FirstAsync(t => t.Id == id);
        var ledger = await db.Ledger.AsNoTracking().Where(l => l.TaskId == id).OrderBy(l => l.Id).Select(l => l.Kind).ToListAsync();
        var events = await db.Database.SqlQuery<string>($"SELECT event_type AS \"Value\" FROM webhook_deliveries WHERE task_id = {id}").ToListAsync();
        var account = await db.Accounts.AsNoTracking().FirstAsync(a => a.Id == Account);
        return new Snapshot(row, ledger, events, account.Balance, account.StorageBytes);
    }

    sealed record Snapshot(VideoTask Row, List<string> Ledger, List<string> Events, long Balance, long StorageBytes);
}
