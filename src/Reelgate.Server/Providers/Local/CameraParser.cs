namespace Reelgate.Server.Providers.Local;

/// Finds the first camera instruction in a prompt ("pan left", "slow zoom out", "orbit", "static").
internal static class CameraParser
{
    private enum Verb { Pan, Tilt, Zoom, PushIn, PullOut, Orbit, Static }

    private static readonly Dictionary<string, Verb> Verbs = new()
    {
        ["pan"] = Verb.Pan, ["pans"] = Verb.Pan, ["panning"] = Verb.Pan, ["panned"] = Verb.Pan,
        ["tilt"] = Verb.Tilt, ["tilts"] = Verb.Tilt, ["tilting"] = Verb.Tilt,
        ["zoom"] = Verb.Zoom, ["zooms"] = Verb.Zoom, ["zooming"] = Verb.Zoom,
        ["dolly"] = Verb.PushIn, ["dollying"] = Verb.PushIn, ["push"] = Verb.PushIn, ["pushing"] = Verb.PushIn,
        ["pull"] = Verb.PullOut, ["pulling"] = Verb.PullOut,
        ["rotate"] = Verb.Orbit, ["rotates"] = Verb.Orbit, ["rotating"] = Verb.Orbit, ["rotation"] = Verb.Orbit,
        ["orbit"] = Verb.Orbit, ["orbits"] = Verb.Orbit, ["orbiting"] = Verb.Orbit, ["spin"] = Verb.Orbit,
        ["spinning"] = Verb.Orbit, ["circling"] = Verb.Orbit,
        ["static"] = Verb.Static, ["tripod"] = Verb.Static, ["stationary"] = Verb.Static,
    };

    /// <param name="unnamed">Move used when the prompt names none.</param>
    /// <param name="sideways">Seed's choice of direction when the prompt names a move but no direction.</param>
    public static CameraMove Parse(IReadOnlyList<string> words, CameraMove unnamed, bool sideways)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (!Verbs.TryGetValue(words[i], out var verb))
                continue;
            var direction = DirectionAfter(words, i);
            return verb switch
            {
                Verb.Pan => direction switch
                {
                    "left" => CameraMove.PanLeft,
                    "right" => CameraMove.PanRight,
                    "up" => CameraMove.TiltUp,
                    "down" => CameraMove.TiltDown,
                    _ => sideways ? CameraMove.PanLeft : CameraMove.PanRight,
                },
                Verb.Tilt => direction switch
                {
                    "up" => CameraMove.TiltUp,
                    "down" => CameraMove.TiltDown,
                    _ => sideways ? CameraMove.TiltUp : CameraMove.TiltDown,
                },
                Verb.Zoom or Verb.PushIn => direction is "out" or "back" or "away" ? CameraMove.ZoomOut : CameraMove.ZoomIn,
                Verb.PullOut => direction is "in" or "into" ? CameraMove.ZoomIn : CameraMove.ZoomOut,
                Verb.Orbit => CameraMove.Orbit,
                _ => CameraMove.Static,
            };
        }
        return unnamed;
    }

    /// Looks two words ahead so "pan slowly left" counts.
    private static string? DirectionAfter(IReadOnlyList<string> words, int verbIndex)
    {
        for (var j = verbIndex + 1; j < Math.Min(words.Count, verbIndex + 3); j++)
        {
            if (words[j] is "left" or "right" or "up" or "down" or "in" or "into" or "out" or "back" or "away")
                return words[j];
        }
        return null;
    }
}
