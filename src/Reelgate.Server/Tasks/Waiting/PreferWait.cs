using Microsoft.Extensions.Primitives;

namespace Reelgate.Server.Tasks.Waiting;

/// `Prefer: wait[=seconds]` (RFC 7240, as Replicate's sync mode spells it): how long a create may
/// hold its answer. Pure. A preference is a hint (RFC 7240 §2): one we cannot use — `wait=0`, a
/// value that is not a whole number — is ignored, never an error. Bare `wait` means the maximum;
/// more than the maximum is cut to it. Null: answer at once.
internal static class PreferWait
{
    public static int? Seconds(StringValues prefer, int max)
    {
        foreach (var header in prefer)
        {
            if (header is null) continue;
            foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                // Parameters after ';' belong to the preference; wait takes none.
                var token = part.Split(';', 2)[0].Trim();
                var eq = token.IndexOf('=');
                var name = (eq < 0 ? token : token[..eq]).Trim();
                if (!name.Equals("wait", StringComparison.OrdinalIgnoreCase)) continue;
                if (eq < 0) return max;
                var value = token[(eq + 1)..].Trim().Trim('"');
                if (!int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
                    return value.Length > 0 && value.All(char.IsAsciiDigit) ? max : null; // too many digits for an int: "as long as you can"
                return seconds < 1 ? null : Math.Min(seconds, max);
            }
        }
        return null;
    }
}
