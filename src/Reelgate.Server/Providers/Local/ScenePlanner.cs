using System.Text.RegularExpressions;

namespace Reelgate.Server.Providers.Local;

/// Derives a scene plan from the prompt's words and the seed. Pure and deterministic: the same
/// prompt, negative prompt and seed always give the same plan, in any process.
internal static partial class ScenePlanner
{
    private static readonly double[] Roots = [220.0, 246.94, 261.63, 293.66, 329.63];
    private static readonly CameraMove[] UnnamedMoves =
        [CameraMove.ZoomIn, CameraMove.ZoomOut, CameraMove.PanLeft, CameraMove.PanRight, CameraMove.Orbit, CameraMove.TiltUp];

    public static ScenePlan Plan(RenderSpec spec)
    {
        var words = Tokenize(spec.Prompt);
        var banned = new HashSet<string>(Tokenize(spec.NegativePrompt ?? ""));
        var rng = SceneRandom.For(spec.Seed, spec.Prompt + "\u0000" + spec.NegativePrompt);

        // Every draw happens unconditionally and in a fixed order, so adding a word to the
        // vocabulary never shifts the seed-derived choices of unrelated prompts.
        var defaultPalette = rng.Pick(SceneVocabulary.DefaultPalettes);
        var jitter = Enumerable.Range(0, 12).Select(_ => rng.Next(21) - 10).ToArray();
        var unnamedMove = rng.Pick(UnnamedMoves);
        var sideways = rng.Next(2) == 0;
        var gradient = (GradientKind)rng.Next(4);
        var speedDraw = rng.NextDouble();
        var amountDraw = rng.NextDouble();
        var gradientSeed = rng.NextUInt32();
        var noiseSeed = rng.NextUInt32();
        var root = rng.Pick(Roots);
        var transition = rng.Pick(SceneVocabulary.Transitions);
        var phase = rng.Range(0, 2 * Math.PI);
        var brightnessJitter = rng.Range(-0.02, 0.02);

        var time = words.Where(w => !banned.Contains(w)).Select(w => SceneVocabulary.TimesOfDay.GetValueOrDefault(w)).FirstOrDefault(t => t is not null);
        var palette = BuildPalette(words, banned, time, defaultPalette, jitter);
        var mood = time?.Mood ?? MoodOf(palette);
        var pace = words.Any(SceneVocabulary.FastWords.Contains) ? 1.8 : words.Any(SceneVocabulary.SlowWords.Contains) ? 0.5 : 1.0;

        return new ScenePlan(
            palette,
            CameraParser.Parse(words, unnamedMove, sideways),
            Math.Round(Math.Min(0.35, (0.10 + 0.10 * amountDraw) * Math.Sqrt(pace)), 4),
            gradient,
            Math.Round(Math.Clamp((0.006 + 0.014 * speedDraw) * pace, 0.002, 0.05), 4),
            gradientSeed,
            Math.Round((time?.Brightness ?? 0) + brightnessJitter, 4),
            time?.Saturation ?? 1.1,
            mood,
            Chord(root, mood),
            noiseSeed,
            transition,
            Math.Round(phase, 4));
    }

    public static IReadOnlyList<string> Tokenize(string text) =>
        WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToArray();

    private static List<Rgb> BuildPalette(
        IReadOnlyList<string> words, HashSet<string> banned, SceneVocabulary.TimeOfDay? time, Rgb[] fallback, int[] jitter)
    {
        var groups = words
            .Where(w => !banned.Contains(w))
            .Distinct()
            .Select(w => SceneVocabulary.Colours.GetValueOrDefault(w))
            .OfType<Rgb[]>()
            .ToList();
        if (time is not null)
            groups.Add(time.Palette);

        // Round-robin so "red ocean" gets a red and an ocean colour before second shades.
        var colours = new List<Rgb>();
        for (var i = 0; colours.Count < 4 && groups.Any(g => i < g.Length); i++)
            colours.AddRange(groups.Where(g => i < g.Length).Select(g => g[i]).Where(c => !colours.Contains(c)));
        foreach (var c in fallback)
        {
            if (colours.Count >= 2)
                break;
            if (!colours.Contains(c))
                colours.Add(c);
        }
        return colours.Take(4).Select((c, i) => Nudge(c, jitter, i)).ToList();
    }

    private static Rgb Nudge(Rgb c, int[] jitter, int i) => new(
        (byte)Math.Clamp(c.R + jitter[3 * i], 0, 255),
        (byte)Math.Clamp(c.G + jitter[3 * i + 1], 0, 255),
        (byte)Math.Clamp(c.B + jitter[3 * i + 2], 0, 255));

    private static Mood MoodOf(IReadOnlyList<Rgb> palette)
    {
        var warmth = palette.Average(c => c.Warmth);
        var luma = palette.Average(c => c.Luma);
        return luma < 60 ? Mood.Dark : luma > 200 ? Mood.Bright : warmth > 30 ? Mood.Warm : warmth < -30 ? Mood.Cool : Mood.Neutral;
    }

    /// Just-intonation triads: major for warm/bright, minor for cool/dark, open fifth-plus-ninth otherwise.
    private static double[] Chord(double root, Mood mood)
    {
        double[] ratios = mood switch
        {
            Mood.Warm or Mood.Bright => [1, 5 / 4.0, 3 / 2.0],
            Mood.Cool or Mood.Dark => [1, 6 / 5.0, 3 / 2.0],
            _ => [1, 9 / 8.0, 3 / 2.0],
        };
        var octave = mood == Mood.Dark ? 0.5 : 1;
        return ratios.Select(r => Math.Round(root * r * octave, 2)).ToArray();
    }

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex WordPattern();
}
