using System.Globalization;

namespace Reelgate.Server.Media;

/// Turns the key=value lines of `ffmpeg -progress pipe:1` into a rising fraction of the output duration.
internal sealed class FfmpegProgressTracker(double durationSeconds)
{
    private double _last = -1;

    public double Fraction => Math.Max(_last, 0);

    /// Returns the new fraction when the line moves progress forward, otherwise null.
    public double? Feed(string line)
    {
        var eq = line.IndexOf('=');
        if (eq <= 0)
            return null;
        var key = line.AsSpan(0, eq).Trim();
        var value = line.AsSpan(eq + 1).Trim();

        double fraction;
        if (key.SequenceEqual("progress"))
        {
            if (!value.SequenceEqual("end"))
                return null;
            fraction = 1;
        }
        // out_time_ms is microseconds too: a long-standing ffmpeg naming bug kept for compatibility.
        else if (key.SequenceEqual("out_time_us") || key.SequenceEqual("out_time_ms"))
        {
            if (!long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var micros) || micros < 0)
                return null;
            fraction = durationSeconds <= 0 ? 0 : Math.Min(1, micros / 1_000_000.0 / durationSeconds);
        }
        else
        {
            return null;
        }

        if (fraction <= _last)
            return null;
        _last = fraction;
        return fraction;
    }
}
