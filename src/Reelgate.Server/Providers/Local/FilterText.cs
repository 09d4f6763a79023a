using System.Globalization;
using System.Text;

namespace Reelgate.Server.Providers.Local;

/// Formatting helpers for filtergraph text: culture-free numbers and two-level escaping.
internal static class FilterText
{
    private const string Special = "\\':[],;=";

    public static string Num(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    public static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// An expression wrapped in single quotes so its commas survive the graph parser; the
    /// expressions built here never contain quotes or colons.
    public static string Expr(string expression) => "'" + expression + "'";

    /// Escapes an arbitrary option value (a file path, a label) for use inside -filter_complex.
    /// The value passes through av_get_token twice (graph level, then option level), so it is
    /// backslash-escaped for both.
    public static string Value(string value) => Escape(Escape(value));

    private static string Escape(string value)
    {
        var sb = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (Special.Contains(c) || char.IsWhiteSpace(c))
                sb.Append('\\');
            sb.Append(c);
        }
        return sb.ToString();
    }
}
