using System.Globalization;
using System.Text;

namespace Reelgate.Server.Providers.Local;

/// Turns any prompt into a short, word-wrapped caption that drawtext can show literally.
internal static class CaptionFormatter
{
    public const int MaxLines = 3;

    public static int FontSize(int height) => Math.Max(10, (int)Math.Round(height / 22.0));

    /// Characters per line so a line of DejaVu Sans fits in ~90% of the frame width.
    public static int LineChars(int width, int fontSize) => Math.Max(8, (int)(width * 0.9 / (fontSize * 0.6)));

    public static string Format(string prompt, int lineChars)
    {
        var words = Clean(prompt).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var lines = new List<string>();
        var line = new StringBuilder();
        var truncated = false;
        foreach (var raw in words)
        {
            var word = raw.Length > lineChars ? raw[..(lineChars - 1)] + "…" : raw;
            if (line.Length > 0 && line.Length + 1 + word.Length > lineChars)
            {
                lines.Add(line.ToString());
                line.Clear();
                if (lines.Count == MaxLines)
                {
                    truncated = true;
                    break;
                }
            }
            if (line.Length > 0)
                line.Append(' ');
            line.Append(word);
        }
        if (!truncated && line.Length > 0)
            lines.Add(line.ToString());
        if (truncated)
        {
            var last = lines[^1];
            lines[^1] = (last.Length + 1 > lineChars ? last[..(lineChars - 1)] : last) + "…";
        }
        return string.Join('\n', lines);
    }

    /// Drops what DejaVu Sans cannot draw or drawtext would treat specially: control characters
    /// (including newlines; wrapping is ours), astral-plane symbols such as emoji, joiners and
    /// variation selectors. Everything else, including quotes, '%' and backslashes, stays literal
    /// because the caption goes through a text file with expansion disabled.
    private static string Clean(string prompt)
    {
        var sb = new StringBuilder(prompt.Length);
        foreach (var rune in prompt.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (Rune.IsWhiteSpace(rune) || Rune.IsControl(rune))
                sb.Append(' ');
            else if (rune.IsBmp && category is not (UnicodeCategory.Format or UnicodeCategory.Surrogate
                         or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned)
                     && rune.Value is not (>= 0xFE00 and <= 0xFE0F))
                sb.Append((char)rune.Value);
        }
        return sb.ToString();
    }
}
