namespace Reelgate.Server.Providers.Local;

/// What the local engine renders: everything that decides the output bytes.
internal sealed record RenderSpec(
    int Width,
    int Height,
    int Fps,
    int DurationSeconds,
    string Prompt,
    string? NegativePrompt,
    uint Seed,
    bool Audio,
    RenderMode Mode,
    IReadOnlyList<string> ImagePaths,
    ResizeMode Resize);

internal enum RenderMode { Text, FirstFrame, FirstLast, Reference }

internal enum ResizeMode { Pad, Crop }

/// Progress of one render: fraction 0..1 read from FFmpeg's -progress output.
internal readonly record struct RenderProgress(double Fraction, TimeSpan Elapsed);
