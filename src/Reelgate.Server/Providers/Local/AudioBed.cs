using static Reelgate.Server.Providers.Local.FilterText;

namespace Reelgate.Server.Providers.Local;

/// A quiet, deterministic ambient pad: the plan's chord as sines, a slow tremolo, a bed of
/// seeded low-passed pink noise, faded in and out; 48 kHz stereo.
internal static class AudioBed
{
    public const int SampleRate = 48000;

    public static string Graph(ScenePlan plan, int durationSeconds)
    {
        var d = Num(durationSeconds);
        var parts = new List<string>();
        var labels = "";
        for (var i = 0; i < plan.ChordHz.Count; i++)
        {
            parts.Add($"sine=frequency={Num(plan.ChordHz[i])}:sample_rate={SampleRate}:duration={d}[tone{i}]");
            labels += $"[tone{i}]";
        }
        var noiseCutoff = plan.Mood is Mood.Dark or Mood.Cool ? 600 : 1400;
        parts.Add($"anoisesrc=sample_rate={SampleRate}:color=pink:amplitude=0.05:seed={plan.NoiseSeed}:duration={d}"
            + $",lowpass=f={noiseCutoff}[noise]");

        var fadeIn = Math.Min(1.0, durationSeconds / 4.0);
        var fadeOut = Math.Min(1.5, durationSeconds / 3.0);
        parts.Add($"{labels}[noise]amix=inputs={plan.ChordHz.Count + 1}:duration=longest"
            + $",tremolo=f={Num(0.2 + plan.Phase / 20)}:d=0.35,volume=2"
            + $",afade=t=in:st=0:d={Num(fadeIn)},afade=t=out:st={Num(durationSeconds - fadeOut)}:d={Num(fadeOut)}"
            + $",aformat=sample_fmts=fltp:sample_rates={SampleRate}:channel_layouts=stereo");
        return string.Join(';', parts);
    }
}
