namespace Reelgate.Server.Setup;

/// The console log: one readable line per entry by default (a person reads it at a terminal or
/// in the journal), one JSON object per line with `Logging:Format=json` (for log shippers).
/// Timestamps are UTC either way.
internal static class ConsoleLogging
{
    public const string FormatKey = "Logging:Format";

    public static ILoggingBuilder AddServerConsole(this ILoggingBuilder logging, IConfiguration config)
    {
        logging.ClearProviders();
        var format = config[FormatKey];
        if (string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
            return logging.AddJsonConsole(o =>
            {
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                o.UseUtcTimestamp = true;
            });
        if (!string.IsNullOrWhiteSpace(format) && !string.Equals(format, "simple", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"{FormatKey} must be simple (the default) or json, not '{format}'.");
        return logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            o.UseUtcTimestamp = true;
        });
    }
}
