using System.Text.Json.Serialization;

namespace Reelgate.Server.Billing;

/// GET /v1/usage: rows by day or by model over [from, to) (Unix seconds), and totals.
internal sealed record UsageReport(
    string Object, string AccountId, long From, long To, string GroupBy, IReadOnlyList<UsageRow> Data, UsageTotals Totals);

/// One day (YYYY-MM-DD) or one model: `day` or `model` is present, as grouped. Downloads are
/// counted per day only (null by model).
internal sealed record UsageRow(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Day,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Model,
    decimal Credits, long Tasks, long Seconds, long? Downloads);

internal sealed record UsageTotals(decimal Credits, long Tasks, long Seconds, long Downloads, long StorageBytes, decimal Balance);
