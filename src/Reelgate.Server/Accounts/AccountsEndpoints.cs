using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Reelgate.Server.Billing;
using Reelgate.Server.Data;
using Reelgate.Server.Http;

namespace Reelgate.Server.Accounts;

/// The admin API for accounts (tenants): create, list, read, change tier or status, and grant or
/// deduct credits. Every credit change is a ledger entry with a reason.
internal static class AccountsEndpoints
{
    public static readonly string[] Statuses = ["active", "suspended"];

    public static void MapAccounts(this RouteGroupBuilder v1)
    {
        var accounts = v1.MapGroup("/accounts").WithTags("Accounts").AddEndpointFilter<AdminOnlyFilter>();
        accounts.MapPost("", Create).WithName("CreateAccount").Accepts<CreateAccountRequest>("application/json", "multipart/form-data")
            .Produces<AccountObject>(201).ProducesProblems(400).WithSummary("Create an account; it receives its tier's monthly credits at once.");
        accounts.MapGet("", List).WithName("ListAccounts").Produces<ListPage<AccountObject>>().ProducesProblems(400);
        accounts.MapGet("/{id}", Get).WithName("GetAccount").Produces<AccountObject>().ProducesProblems(404);
        accounts.MapPatch("/{id}", Update).WithName("UpdateAccount").Accepts<UpdateAccountRequest>("application/json", "multipart/form-data")
            .Produces<AccountObject>().ProducesProblems(400, 404, 409).WithSummary("Change name, tier or status (active|suspended).");
        accounts.MapPost("/{id}/credits", Adjust).WithName("AdjustCredits").Accepts<AdjustCreditsRequest>("application/json", "multipart/form-data")
            .Produces<CreditAdjustment>(201).ProducesProblems(400, 402, 404).WithSummary("Grant (amount > 0) or deduct (amount < 0) credits, with a reason.");
        accounts.MapGet("/{id}/events", Events).WithName("AccountEvents").Produces<ListPage<AccountEventObject>>().ProducesProblems(404)
            .WithSummary("Recorded account events (usage.threshold), newest first.");
        accounts.MapGet("/{id}/ledger", LedgerPage).WithName("AccountLedger").Produces<ListPage<LedgerEntryObject>>().ProducesProblems(400, 404)
            .WithSummary("The account's ledger, oldest first, with id cursors.");
    }

    /// Body: {name, tier?, credits?}: `credits` is granted on top of the monthly allowance.
    static async Task<IResult> Create(HttpRequest request, ReelgateDb db, Tiers tiers, TimeProvider clock, CancellationToken ct)
    {
        var (fields, error) = await RequestFields.ReadAsync(request, ct);
        if (fields is null) return error!.ToResult();
        var name = fields.String("name");
        var tier = fields.String("tier") ?? tiers.DefaultTier;
        var credits = Amount(fields, "credits");
        if (fields.Error is { } e) return e.ToResult();
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200) return ApiError.Invalid("name", "'name' is required and at most 200 characters.").ToResult();
        if (!tiers.All.ContainsKey(tier)) return BadTier(tiers);
        if (credits < 0) return ApiError.Invalid("credits", "'credits' must not be negative.", "out_of_range").ToResult();

        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var account = new Account { Id = Ids.New("acct", clock), Name = name.Trim(), Tier = tier, CreatedAt = now };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Accounts.Add(account);
        await db.SaveChangesAsync(ct);
        var limits = tiers.For(tier);
        if (limits.Metered) await Ledger.GrantMonthlyAsync(db, account.Id, Credits.FromDecimal(limits.MonthlyCredits!.Value), now, ct);
        if (credits > 0) await Ledger.AppendAsync(db, new Ledger.Entry(account.Id, LedgerKinds.Grant, credits.Value, Reason: "initial credits"), now, guard: false, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Json(await ViewAsync(db, account.Id, tiers, clock, ct), statusCode: 201);
    }

    static async Task<IResult> List(ReelgateDb db, Tiers tiers, TimeProvider clock, string? limit, string? after, CancellationToken ct)
    {
        var (paging, error) = PageQuery.Read(limit, after, "an account id");
        if (paging is null) return error!.ToResult();
        var q = db.Accounts.AsNoTracking();
        if (after is not null) q = q.Where(a => string.Compare(a.Id, after) > 0);
        var rows = await q.OrderBy(a => a.Id).Take(paging.Fetch).ToListAsync(ct);
        return TypedResults.Json(paging.Page(rows, a => a.Id, a => View(a, tiers, clock)));
    }

    static async Task<IResult> Get(string id, ReelgateDb db, Tiers tiers, TimeProvider clock, CancellationToken ct) =>
        await ViewAsync(db, id, tiers, clock, ct) is { } view ? TypedResults.Json(view) : NotFound(id);

    /// Body: {name?, tier?, status?}. Keys of the account pick the change up at once in this
    /// process and within Auth:CacheSeconds in others.
    static async Task<IResult> Update(string id, HttpRequest request, ReelgateDb db, Tiers tiers, KeyCache keys, UsageCache usage, TimeProvider clock, CancellationToken ct)
    {
        var (fields, error) = await RequestFields.ReadAsync(request, ct);
        if (fields is null) return error!.ToResult();
        var name = fields.String("name");
        var tier = fields.String("tier");
        var status = fields.String("status");
        if (fields.Error is { } e) return e.ToResult();
        if (name is not null && (name.Trim().Length == 0 || name.Length > 200)) return ApiError.Invalid("name", "'name' must be 1 to 200 characters.").ToResult();
        if (tier is not null && !tiers.All.ContainsKey(tier)) return BadTier(tiers);
        if (status is not null && !Statuses.Contains(status))
            return ApiError.Invalid("status", "'status' must be active or suspended.", "invalid_enum").ToResult();
        if (id == AdminBootstrap.AdminAccountId && status == "suspended")
            return new ApiError(409, "cannot_suspend_admin", "The admin account cannot be suspended.", "status").ToResult();
        var n = await db.Accounts.Where(a => a.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(a => a.Name, a => name == null ? a.Name : name.Trim())
            .SetProperty(a => a.Tier, a => tier ?? a.Tier)
            .SetProperty(a => a.Status, a => status ?? a.Status), ct);
        if (n == 0) return NotFound(id);
        keys.ForgetAccount(id);
        usage.Forget(id);
        return TypedResults.Json((await ViewAsync(db, id, tiers, clock, ct))!);
    }

    /// Body: {amount, reason}. A deduction never takes the balance below zero (402).
    static async Task<IResult> Adjust(string id, HttpRequest request, ReelgateDb db, Tiers tiers, UsageCache usage, TimeProvider clock, CancellationToken ct)
    {
        var (fields, error) = await RequestFields.ReadAsync(request, ct);
        if (fields is null) return error!.ToResult();
        var amount = Amount(fields, "amount");
        var reason = fields.String("reason");
        if (fields.Error is { } e) return e.ToResult();
        if (amount is null or 0) return ApiError.Invalid("amount", "'amount' is required: credits to grant (positive) or deduct (negative).").ToResult();
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500) return ApiError.Invalid("reason", "'reason' is required and at most 500 characters.").ToResult();
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var kind = amount > 0 ? LedgerKinds.Grant : LedgerKinds.Deduct;
        var after = await Ledger.AppendAsync(db, new Ledger.Entry(id, kind, amount.Value, Reason: reason.Trim()), now, guard: amount < 0, ct);
        if (after is null)
        {
            var balance = await Ledger.BalanceAsync(db, id, ct);
            if (balance is null) return NotFound(id);
            return new ApiError(402, "insufficient_credits", $"The account has {Credits.Format(balance.Value)} credits; it cannot be deducted {Credits.Format(-amount.Value)}.", "amount")
            {
                Extra = [new("required", Credits.ToDecimal(-amount.Value)), new("available", Credits.ToDecimal(balance.Value))],
            }.ToResult();
        }
        await tx.CommitAsync(ct);
        usage.Forget(id);
        return TypedResults.Json(new CreditAdjustment("ledger_entry", id, kind, Credits.ToDecimal(amount.Value), Credits.ToDecimal(after.Value), reason.Trim()), statusCode: 201);
    }

    static async Task<IResult> LedgerPage(string id, ReelgateDb db, string? limit, string? after, CancellationToken ct)
    {
        var (paging, error) = PageQuery.Read(limit, after, "a ledger entry id", defaultLimit: 100, maxLimit: 1000);
        if (paging is null) return error!.ToResult();
        long cursor = 0;
        if (after is not null && !long.TryParse(after, out cursor)) return ApiError.Invalid("after", "'after' must be a ledger entry id.").ToResult();
        if (!await db.Accounts.AnyAsync(a => a.Id == id, ct)) return NotFound(id);
        var rows = await db.Ledger.AsNoTracking().Where(l => l.AccountId == id && l.Id > cursor).OrderBy(l => l.Id).Take(paging.Fetch).ToListAsync(ct);
        // Entry ids are numbers; as cursors they are strings like every other list's.
        return TypedResults.Json(paging.Page(rows, l => l.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), l => new LedgerEntryObject(
            l.Id, "ledger_entry", l.Kind, Credits.ToDecimal(l.Amount), Credits.ToDecimal(l.BalanceAfter), l.TaskId, l.Model, l.Seconds, l.Reason, l.CreatedAt / 1000)));
    }

    static async Task<IResult> Events(string id, ReelgateDb db, CancellationToken ct)
    {
        if (!await db.Accounts.AnyAsync(a => a.Id == id, ct)) return NotFound(id);
        // The latest 100, newest first (no cursor: has_more says whether older ones exist).
        var rows = await db.AccountEvents.AsNoTracking().Where(e => e.AccountId == id).OrderByDescending(e => e.Id).Take(101).ToListAsync(ct);
        return TypedResults.Json(new PageQuery(100, null).Page(rows, e => e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            e => new AccountEventObject(e.Id, "account_event", e.Kind, e.Period, e.CreatedAt / 1000, JsonDocument.Parse(e.PayloadJson).RootElement)));
    }

    /// A credit amount: a JSON number with at most four decimals, below a billion.
    static long? Amount(RequestFields fields, string name)
    {
        if (fields.Raw(name) is not { } v) return null;
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDecimal(out var d) || Math.Abs(d) >= 1_000_000_000m || decimal.Round(d, 4) != d)
        {
            fields.Reject(ApiError.Invalid(name, $"'{name}' must be a number of credits with at most 4 decimals, below 1,000,000,000."));
            return null;
        }
        return Credits.FromDecimal(d);
    }

    static async Task<AccountObject?> ViewAsync(ReelgateDb db, string id, Tiers tiers, TimeProvider clock, CancellationToken ct) =>
        await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct) is { } a ? View(a, tiers, clock) : null;

    internal static AccountObject View(Account a, Tiers tiers, TimeProvider clock) =>
        AccountObject.From(a, tiers.For(a.Tier), a.AllowanceMonth == Ledger.Month(clock.GetUtcNow().ToUnixTimeMilliseconds()));

    static IResult NotFound(string id) => new ApiError(404, "not_found", $"No account with id '{id}' exists.", "id").ToResult();

    static IResult BadTier(Tiers tiers) =>
        ApiError.Invalid("tier", $"'tier' must be one of: {string.Join(", ", tiers.All.Keys)}.", "invalid_enum").ToResult();
}
