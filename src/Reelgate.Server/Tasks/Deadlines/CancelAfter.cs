using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Primitives;
using Reelgate.Server.Http;

namespace Reelgate.Server.Tasks.Deadlines;

/// The `Cancel-After` header of a create, in Replicate's format: a duration such as `30s`, `5m`,
/// `1h30m`, `90s` or `1.5h` (units h, m, s, ms, each at most once, largest first), or a bare
/// number of seconds. Pure. Unlike `Prefer`, this is a request, not a hint: a value we cannot
/// read is a 400 naming the header, since silently dropping it would leave a task running (and
/// charged) that the client meant to stop.
internal static partial class CancelAfter
{
    public const string Header = "Cancel-After";
    public static readonly TimeSpan Min = TimeSpan.FromSeconds(1), Max = TimeSpan.FromDays(7);

    public static (TimeSpan? Value, ApiError? Error) Read(StringValues header)
    {
        if (StringValues.IsNullOrEmpty(header)) return (null, null);
        if (header.Count > 1) return (null, Invalid("Send one Cancel-After header."));
        var text = header.ToString().Trim();
        if (Parse(text) is not { } value)
            return (null, Invalid($"'{Clip(text)}' is not a duration: use a number with units h, m, s or ms, e.g. 30s, 5m or 1h30m."));
        if (value < Min || value > Max)
            return (null, Invalid($"Cancel-After must be from 1s to 168h (7 days); '{Clip(text)}' is {value.TotalSeconds:0.###} s."));
        return (value, null);
    }

    static TimeSpan? Parse(string text)
    {
        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var bare)) return Seconds(bare);
        var m = Duration().Match(text);
        if (!m.Success || m.Length == 0) return null;
        decimal total = 0;
        foreach (var (group, unit) in new[] { ("h", 3600m), ("m", 60m), ("s", 1m), ("ms", 0.001m) })
            if (m.Groups[group].Success) total += decimal.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture) * unit;
        return Seconds(total);
    }

    static TimeSpan? Seconds(decimal s) => s > (decimal)Max.TotalSeconds * 2 ? Max + Max : TimeSpan.FromMilliseconds((double)(s * 1000));

    static ApiError Invalid(string message) => new(400, "invalid_cancel_after", message, Header);

    static string Clip(string s) => s.Length > 40 ? s[..40] + "…" : s;

    [GeneratedRegex(@"^(?:(?<h>\d{1,9}(?:\.\d{1,6})?)h)?(?:(?<m>\d{1,9}(?:\.\d{1,6})?)m(?!s))?(?:(?<s>\d{1,9}(?:\.\d{1,6})?)s)?(?:(?<ms>\d{1,9}(?:\.\d{1,6})?)ms)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Duration();
}
