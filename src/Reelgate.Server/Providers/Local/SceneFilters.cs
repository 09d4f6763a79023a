using static Reelgate.Server.Providers.Local.FilterText;

namespace Reelgate.Server.Providers.Local;

/// Filter chains for the picture: procedural background, Ken Burns stills, floating reference tiles.
internal static class SceneFilters
{
    /// An animated gradient across the frame plus a drifting radial glow (screen-blended), made at
    /// a quarter of the output size where it is cheap, graded, then upscaled: both are smooth, so
    /// the upscale loses no visible detail.
    public static string Background(ScenePlan plan, RenderSpec spec)
    {
        var bw = Even(Math.Max(64, spec.Width / 4));
        var bh = Even(Math.Max(36, spec.Height / 4));
        var common = $"gradients=s={bw}x{bh}:r={spec.Fps}:d={spec.DurationSeconds}";

        // Endpoints across the whole frame; left to ffmpeg's random choice they often sit close
        // together and leave a thin band between two flat areas.
        var (dx, dy) = (Math.Cos(plan.Phase) * bw / 2, Math.Sin(plan.Phase) * bh / 2);
        var colours = string.Join(':', plan.Palette.Select((c, i) => $"c{i}={c.ToFfmpeg()}"));
        var wash = $"{common}:n={plan.Palette.Count}:{colours}:{Line(bw / 2 - dx, bh / 2 - dy, bw / 2 + dx, bh / 2 + dy, bw, bh)}"
            + $":seed={plan.GradientSeed}:speed={Num(plan.GradientSpeed)}:type={(int)plan.Gradient},format=gbrp";

        var gx = bw * (0.25 + 0.5 * Fraction(plan.Phase * 7));
        var gy = bh * (0.2 + 0.4 * Fraction(plan.Phase * 3));
        var glow = $"{common}:n=2:c0={Glow(plan).ToFfmpeg()}:c1=0x000000:{Line(gx, gy, gx + bw * 0.3, gy + bh * 0.25, bw, bh)}"
            + $":seed={plan.GradientSeed ^ 0x5BD1E995u}:speed={Num(Math.Min(1, plan.GradientSpeed * 2))}:type=1,format=gbrp";

        return $"{wash}[wash];{glow}[glow];[wash][glow]blend=all_mode=screen"
            + $",eq=brightness={Num(plan.Brightness)}:saturation={Num(plan.Saturation)}"
            + ",vignette=angle=0.45"
            + $",scale={spec.Width}:{spec.Height}:flags=bilinear,setsar=1"
            + "," + Camera(plan, spec, 1);
    }

    /// Fits a still to the frame (Pad: letterbox in the palette's darkest colour; Crop: fill),
    /// at <paramref name="oversample"/> times the output size so zoompan's whole-pixel crop steps
    /// stay below one output pixel, then moves the camera over it for the whole clip.
    public static string KenBurns(ScenePlan plan, RenderSpec spec, int frames)
    {
        var oversample = spec.Width * spec.Height <= 1920 * 1080 ? 2 : 1;
        var w = spec.Width * oversample;
        var h = spec.Height * oversample;
        var fit = spec.Resize == ResizeMode.Crop
            ? $"scale={w}:{h}:force_original_aspect_ratio=increase:flags=bicubic,crop={w}:{h}"
            : $"scale={w}:{h}:force_original_aspect_ratio=decrease:flags=bicubic,pad={w}:{h}:(ow-iw)/2:(oh-ih)/2:color={Darkest(plan).ToFfmpeg()}";
        return $"{fit},setsar=1,format=yuv420p," + Camera(plan, spec, frames);
    }

    /// One reference image as a bordered tile floating around its slot of the layout.
    public static (string Tile, string Overlay) ReferenceTile(ScenePlan plan, RenderSpec spec, int index, int count)
    {
        var (boxW, boxH) = count switch { 1 => (0.50, 0.60), 2 => (0.38, 0.55), _ => (0.28, 0.45) };
        var centreX = (index + 0.5) / count;
        var border = Math.Max(2, spec.Height / 180);
        var tile = $"scale={Even((int)(spec.Width * boxW))}:{Even((int)(spec.Height * boxH))}"
            + ":force_original_aspect_ratio=decrease:flags=bicubic"
            + $",pad=iw+{2 * border}:ih+{2 * border}:{border}:{border}:color=0xF5F5F5,setsar=1";
        var drift = Num(spec.Width * 0.02);
        var angle = $"2*PI*t/{Num(Math.Max(4, spec.DurationSeconds))}+{Num(plan.Phase + index * 2.1)}";
        var x = $"main_w*{Num(centreX)}-overlay_w/2+{drift}*sin({angle})";
        var y = $"main_h*0.45-overlay_h/2+{drift}*cos({angle})";
        return (tile, $"overlay=x={Expr(x)}:y={Expr(y)}:eval=frame");
    }

    /// zoompan expressions for the planned move, eased so motion starts and ends softly.
    /// With d=1 it moves a video; with d=frames it animates a single still for the whole clip.
    private static string Camera(ScenePlan plan, RenderSpec spec, int duration)
    {
        var frames = Math.Max(2, spec.Fps * spec.DurationSeconds);
        var ease = $"(0.5-0.5*cos(PI*min(on/{frames - 1},1)))";
        var zoomed = Num(1 + plan.MotionAmount);
        const string centreX = "iw/2-iw/zoom/2";
        const string centreY = "ih/2-ih/zoom/2";
        const string spanX = "(iw-iw/zoom)";
        const string spanY = "(ih-ih/zoom)";
        var orbit = $"2*PI*on/{frames}+{Num(plan.Phase)}";
        var (z, x, y) = plan.Camera switch
        {
            CameraMove.ZoomIn => ($"1+{Num(plan.MotionAmount)}*{ease}", centreX, centreY),
            CameraMove.ZoomOut => ($"1+{Num(plan.MotionAmount)}*(1-{ease})", centreX, centreY),
            CameraMove.PanLeft => (zoomed, $"{spanX}*(1-{ease})", centreY),
            CameraMove.PanRight => (zoomed, $"{spanX}*{ease}", centreY),
            CameraMove.TiltUp => (zoomed, centreX, $"{spanY}*(1-{ease})"),
            CameraMove.TiltDown => (zoomed, centreX, $"{spanY}*{ease}"),
            CameraMove.Orbit => (zoomed, $"{spanX}*(0.5+0.5*cos({orbit}))", $"{spanY}*(0.5+0.5*sin({orbit}))"),
            _ => ("1", "0", "0"),
        };
        return $"zoompan=z={Expr(z)}:x={Expr(x)}:y={Expr(y)}:d={duration}:s={spec.Width}x{spec.Height}:fps={spec.Fps}";
    }

    /// The lightest palette colour, lifted towards white; dimmer at night so it reads as a moon.
    private static Rgb Glow(ScenePlan plan)
    {
        var c = plan.Palette.MaxBy(p => p.Luma);
        var strength = plan.Mood == Mood.Dark ? 0.45 : 0.9;
        byte Lift(byte v) => (byte)Math.Round((v + (255 - v) * 0.5) * strength);
        return new Rgb(Lift(c.R), Lift(c.G), Lift(c.B));
    }

    private static string Line(double x0, double y0, double x1, double y1, int w, int h) =>
        $"x0={Clamp(x0, w)}:y0={Clamp(y0, h)}:x1={Clamp(x1, w)}:y1={Clamp(y1, h)}";

    private static int Clamp(double v, int size) => Math.Clamp((int)Math.Round(v), 0, size - 1);

    private static double Fraction(double v) => v - Math.Floor(v);

    public static Rgb Darkest(ScenePlan plan)
    {
        var c = plan.Palette.MinBy(p => p.Luma);
        return new Rgb((byte)(c.R / 3), (byte)(c.G / 3), (byte)(c.B / 3));
    }

    private static int Even(int value) => Math.Max(2, value & ~1);
}
