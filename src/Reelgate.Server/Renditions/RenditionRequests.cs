using System.Text.Json;
using Reelgate.Server.Accounts;
using Reelgate.Server.Billing;
using Reelgate.Server.Data;
using Reelgate.Server.Http;
using Reelgate.Server.Tasks;

namespace Reelgate.Server.Renditions;

/// POST /v1/videos/{id}/renditions {renditions, fps_mode, hls, index}: queue renditions of a
/// completed task's outputs (every output, or the one `index` names). Names already completed or
/// queued stay as they are; failed ones are queued again. What the new rows cost is charged when
/// they are accepted, in the transaction that inserts them (402 when the credits are short), and
/// given back per rendition that fails. Answers 202 with the task.
internal static class RenditionRequests
{
    static readonly HashSet<string> Known = ["renditions", "fps_mode", "hls", "index"];

    public static async Task<IResult> Handle(string id, HttpContext http, ReelgateDb db, TaskLookup lookup, TaskJson json, Tiers tiers,
        Pricing pricing, RenditionSignal signal, TimeProvider clock, CancellationToken ct)
    {
        var (fields, readError) = await RequestFields.ReadAsync(http.Request, ct);
        if (fields is null) return readError!.ToResult();
        if (fields.Names.FirstOrDefault(n => !Known.Contains(n)) is { } unknown)
            return new ApiError(400, "unknown_parameter", $"'{unknown}' is not a parameter of this endpoint.", unknown).ToResult();
        var (ask, error) = RenditionAsk.Read(fields);
        var index = fields.Long("index", allowString: true);
        if ((error ?? fields.Error) is { } bad) return bad.ToResult();
        if (ask is null || (ask.Names.Count == 0 && !ask.Hls))
            return ApiError.Invalid("renditions", "'renditions' (or 'hls': true) is required.", "missing_parameter").ToResult();

        var caller = Caller.From(http);
        var task = await lookup.FindAsync(id, caller.AccountId, ct);
        if (!TaskContent.Available(task, id, out var unavailable)) return unavailable.ToResult();
        var outputs = JsonSerializer.Deserialize<List<TaskOutput>>(task.OutputsJson!, Json.Wire)!;
        if (index is { } i && (i < 0 || i >= outputs.Count))
            return ApiError.Invalid("index", $"This video has {outputs.Count} output(s); 'index' must be from 0 to {outputs.Count - 1}.", "out_of_range").ToResult();

        var billing = caller.Sandbox ? BillingStates.Sandbox : tiers.For(caller.Tier).Metered ? BillingStates.Charged : BillingStates.Unmetered;
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var existing = (await RenditionRows.OfTaskAsync(db, id, ct)).ToDictionary(r => (r.OutputIndex, r.Name));
            long price = 0;
            foreach (var o in outputs.Where(o => index is null || o.Index == index))
                foreach (var name in ask.RowNames)
                {
                    var credits = billing == BillingStates.Charged ? pricing.Renditions.Of(name, task.Seconds) : 0;
                    var row = existing.GetValueOrDefault((o.Index, name)) ?? new RenditionRow
                    {
                        Id = Ids.New("rend", clock), TaskId = id, AccountId = caller.AccountId, OutputIndex = o.Index, Name = name, CreatedAt = now,
                    };
                    (row.FpsMode, row.Credits, row.Billing, row.Status) = (ask.FpsMode, credits, billing, RenditionStatuses.Queued);
                    var queued = existing.ContainsKey((o.Index, name)) ? await RenditionRows.RequeueAsync(db, row, ct) : await RenditionRows.InsertAsync(db, row, ct);
                    price += queued * credits;
                }
            if (price > 0 && await Ledger.AppendAsync(db, new Ledger.Entry(caller.AccountId, LedgerKinds.Deduct, -price, id, task.Model, 0, "renditions"), now, guard: true, ct) is null)
            {
                var available = await Ledger.BalanceAsync(db, caller.AccountId, ct) ?? 0;
                return new ApiError(402, "insufficient_credits", $"These renditions cost {Credits.Format(price)} credits and the account has {Credits.Format(available)}.")
                {
                    Extra = [new("required", Credits.ToDecimal(price)), new("available", Credits.ToDecimal(available))],
                }.ToResult();
            }
            await RenditionRows.SyncAsync(db, id, ct);
            await tx.CommitAsync(ct);
        }
        signal.Pulse();
        return json.Result((await lookup.FindAsync(id, caller.AccountId, ct))!, http.Request, 202);
    }
}

/// Rung when this process queues renditions: the RenditionWorker looks at once.
internal sealed class RenditionSignal : Doorbell;
