using System.Globalization;

namespace Reelgate.Server.Billing;

/// Credits are stored as integers in 1/10,000 of a credit: the seed price list goes to four
/// decimals (20.2176 credits a second), and integer sums never drift.
internal static class Credits
{
    public const long Scale = 10_000;

    public static long FromDecimal(decimal credits) => (long)Math.Round(credits * Scale, MidpointRounding.AwayFromZero);

    public static decimal ToDecimal(long units) => (decimal)units / Scale;

    /// For headers: "46.08", never exponent notation.
    public static string Format(long units) => ToDecimal(units).ToString("0.####", CultureInfo.InvariantCulture);
}

/// What became of a task's price.
internal static class BillingStates
{
    public const string Held = "held";
    public const string Charged = "charged";
    public const string Refunded = "refunded";
    public const string Sandbox = "sandbox";
    public const string Unmetered = "unmetered";
}

internal static class LedgerKinds
{
    public const string Grant = "grant";
    public const string Deduct = "deduct";
    public const string Hold = "hold";
    public const string Settle = "settle";
    public const string Refund = "refund";
}
