using System.Globalization;

namespace Reelgate.Server.Providers.Local;

internal enum CameraMove { Static, PanLeft, PanRight, TiltUp, TiltDown, ZoomIn, ZoomOut, Orbit }

/// Values match the `type` option of ffmpeg's gradients source.
internal enum GradientKind { Linear = 0, Radial = 1, Circular = 2, Spiral = 3 }

internal enum Mood { Neutral, Warm, Cool, Dark, Bright }

internal readonly record struct Rgb(byte R, byte G, byte B)
{
    public static Rgb Parse(string hex) => new(
        byte.Parse(hex.AsSpan(0, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
        byte.Parse(hex.AsSpan(2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
        byte.Parse(hex.AsSpan(4, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));

    /// Positive for reds/oranges, negative for blues.
    public int Warmth => R - B;

    public double Luma => 0.2126 * R + 0.7152 * G + 0.0722 * B;

    public string ToFfmpeg() => $"0x{R:X2}{G:X2}{B:X2}";
}

/// Everything the filter graph needs to know about the look, motion and sound of one render.
internal sealed record ScenePlan(
    IReadOnlyList<Rgb> Palette,
    CameraMove Camera,
    double MotionAmount,
    GradientKind Gradient,
    double GradientSpeed,
    uint GradientSeed,
    double Brightness,
    double Saturation,
    Mood Mood,
    IReadOnlyList<double> ChordHz,
    uint NoiseSeed,
    string Transition,
    double Phase)
{
    /// Records compare lists by reference; plans are compared by content in tests and caches.
    public bool Equals(ScenePlan? other) =>
        other is not null
        && Palette.SequenceEqual(other.Palette)
        && ChordHz.SequenceEqual(other.ChordHz)
        && (Camera, MotionAmount, Gradient, GradientSpeed, GradientSeed, Brightness, Saturation, Mood, NoiseSeed, Transition, Phase)
            == (other.Camera, other.MotionAmount, other.Gradient, other.GradientSpeed, other.GradientSeed, other.Brightness,
                other.Saturation, other.Mood, other.NoiseSeed, other.Transition, other.Phase);

    public override int GetHashCode() => HashCode.Combine(Camera, GradientSeed, NoiseSeed, Palette.Count);
}
