namespace Reelgate.Server.Tasks;

/// Wire names follow OpenAI's Video object, plus `cancelled`.
internal static class TaskStatuses
{
    public const string Queued = "queued";
    public const string InProgress = "in_progress";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    public static readonly string[] All = [Queued, InProgress, Completed, Failed, Cancelled];

    public static bool IsFinished(string status) => status is Completed or Failed or Cancelled;
}

/// One rendered output, stored as JSON on the task row when it completes. Trailing members are
/// optional, so outputs stored before they existed still read (as null).
internal sealed record TaskOutput(
    int Index, uint Seed, string VideoKey, string ThumbnailKey, double Duration, int Width, int Height,
    double Fps, string VideoCodec, string? AudioCodec, long Bitrate, long SizeBytes, string Sha256,
    Previews.OutputPreviews? Previews = null);
