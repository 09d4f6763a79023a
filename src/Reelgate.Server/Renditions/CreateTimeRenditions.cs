using Reelgate.Server.Billing;
using Reelgate.Server.Data;
using Reelgate.Server.Http;
using Reelgate.Server.Media;
using Reelgate.Server.Providers;
using Reelgate.Server.Tasks;

namespace Reelgate.Server.Renditions;

/// The renditions asked at create, made by the task's own worker after the master is stored and
/// before the task completes; their files go under the attempt's prefix (`…/a{n}/r/{index}/`,
/// `…/a{n}/hls/{index}/`), so only the winning attempt's set is referenced.
internal sealed class CreateTimeRenditions(RenditionMaker maker, Pricing pricing, TimeProvider clock)
{
    public async Task<RenditionBatch> RenderAsync(VideoTask task, GenerationRequest request, IReadOnlyList<RenderedOutput> rendered,
        IReadOnlyList<TaskOutput> outputs, string workDir, string prefix, TimeSpan timeout, CancellationToken ct)
    {
        if (request.Renditions is not { } names || (names.Count == 0 && request.Hls != true)) return RenditionBatch.None;
        var held = task.Billing == BillingStates.Held;
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var rows = new List<RenditionRow>();
        foreach (var (r, o) in rendered.Zip(outputs))
        {
            var ladder = names.Select(n => Row(task, o.Index, n, request, held ? pricing.Renditions.Of(n, request.Duration) : 0, now)).ToList();
            var info = new MediaInfo(o.Duration, o.Width, o.Height, o.Fps, o.VideoCodec, o.AudioCodec, o.Bitrate, o.SizeBytes);
            var made = await maker.LadderAsync(r.VideoPath, info, ladder, workDir, $"{prefix}r/{o.Index}/", timeout, ct);
            rows.AddRange(ladder);
            if (request.Hls != true) continue;
            var hls = Row(task, o.Index, RenditionAsk.HlsName, request, 0, now);
            await maker.HlsAsync(hls, made, workDir, $"{prefix}hls/{o.Index}/", timeout, ct);
            rows.Add(hls);
        }
        foreach (var row in rows)
            row.Billing = !held ? task.Billing : row.Status == RenditionStatuses.Completed ? BillingStates.Charged : BillingStates.Refunded;
        return new RenditionBatch(rows, rows.Sum(r => r.SizeBytes), held ? rows.Where(r => r.Status == RenditionStatuses.Failed).Sum(r => r.Credits) : 0);
    }

    RenditionRow Row(VideoTask task, int index, string name, GenerationRequest request, long credits, long now) => new()
    {
        Id = Ids.New("rend", clock), TaskId = task.Id, AccountId = task.AccountId, OutputIndex = index, Name = name,
        FpsMode = request.FpsMode ?? "duplicate", Status = RenditionStatuses.InProgress, Credits = credits, Attempts = 1,
        CreatedAt = now, StartedAt = now,
    };
}

/// What the renditions asked at create came to: their rows in their final states, their bytes
/// (counted with the task's outputs) and the share of the hold that failed ones give back.
internal sealed record RenditionBatch(IReadOnlyList<RenditionRow> Rows, long Bytes, long Refund)
{
    public static readonly RenditionBatch None = new([], 0, 0);

    /// Run inside the transaction of the task's completion (TaskLifecycle), after its CAS won.
    public async Task WriteAsync(ReelgateDb db, string taskId, CancellationToken ct)
    {
        if (Rows.Count == 0) return;
        foreach (var row in Rows) await RenditionRows.InsertAsync(db, row, ct);
        await RenditionRows.SyncAsync(db, taskId, ct);
    }
}
