using System.Globalization;
using System.Text;
using Reelgate.Server.Accounts;

namespace Reelgate.Server.Worker;

/// Which queued task runs next. Accounts take turns: the account with the fewest renders running
/// goes first (then the oldest waiting task), and an account at its tier's concurrent-render limit
/// is skipped, its tasks waiting in the queue, not refused. So one account's thousand queued
/// tasks never starve another account's one.
internal sealed class FairQueue
{
    /// Candidates: each account with queued work, its oldest queued task and how many it has
    /// running. Two index probes per account (ix_tasks_account_status), none per queued task.
    public string CandidatesSql { get; }

    public FairQueue(Tiers tiers)
    {
        var limit = LimitCase(tiers, "q.tier");
        CandidatesSql = $"""
            SELECT q.account_id, q.next_id, {LimitCase(tiers, "q.tier")} AS max_running FROM (
                SELECT a.id AS account_id, a.tier AS tier,
                    (SELECT MIN(t.id) FROM tasks t WHERE t.account_id = a.id AND t.status = 'queued') AS next_id,
                    (SELECT COUNT(*) FROM tasks r WHERE r.account_id = a.id AND r.status = 'in_progress') AS running
                FROM accounts a) q
            WHERE q.next_id IS NOT NULL AND ({limit} = 0 OR q.running < {limit})
            ORDER BY q.running, q.next_id
            LIMIT 8
            """;
    }

    /// The tiers' concurrent-render limits as SQL (tier names are validated to [A-Za-z0-9_-]).
    static string LimitCase(Tiers tiers, string column)
    {
        var sb = new StringBuilder($"(CASE {column}");
        foreach (var (name, t) in tiers.All)
            sb.Append(CultureInfo.InvariantCulture, $" WHEN '{name}' THEN {t.ConcurrentRenders}");
        sb.Append(CultureInfo.InvariantCulture, $" ELSE {tiers.For(tiers.DefaultTier).ConcurrentRenders} END)");
        return sb.ToString();
    }

    /// The running-count guard the claim re-checks atomically with taking the task.
    public const string UnderLimit =
        "(@max = 0 OR (SELECT COUNT(*) FROM tasks r WHERE r.account_id = @account AND r.status = 'in_progress') < @max)";
}
