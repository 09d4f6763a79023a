using Reelgate.Server.Media.Renditions;

namespace Reelgate.Server.Renditions;

/// One row of `renditions` (Dapper maps it by column name).
internal sealed class RenditionRow
{
    public string Id { get; set; } = "";
    public string TaskId { get; set; } = "";
    public string AccountId { get; set; } = "";
    public int OutputIndex { get; set; }
    public string Name { get; set; } = "";
    public string FpsMode { get; set; } = "duplicate";
    public string Status { get; set; } = RenditionStatuses.Queued;
    public string? ErrorCode { get; set; }
    public string? ErrorMessage { get; set; }
    public bool Upscaled { get; set; }
    public string? StorageKey { get; set; }
    public string? MetadataJson { get; set; }
    public long SizeBytes { get; set; }
    public long Credits { get; set; }
    public string Billing { get; set; } = "";
    public int Attempts { get; set; }
    public string? LeaseOwner { get; set; }
    public long? LeaseExpiresAt { get; set; }
    public long CreatedAt { get; set; }
    public long? StartedAt { get; set; }
    public long? CompletedAt { get; set; }

    public RenditionSpec? Spec => RenditionLadder.Find(Name);
}

internal static class RenditionStatuses
{
    public const string Queued = "queued", InProgress = "in_progress", Completed = "completed", Failed = "failed";
}

/// A rendition's probe, as the master's metadata plus the encoder profile (null for an HLS package).
internal sealed record RenditionMetadata(
    double Duration, int Width, int Height, double Fps, string VideoCodec, string? AudioCodec, long Bitrate, long SizeBytes,
    [property: System.Text.Json.Serialization.JsonPropertyName("sha256")] string Sha256, string? Profile);

/// One rendition as `tasks.renditions_json` keeps it for the status poll (Json.Wire).
internal sealed record RenditionEntry(
    int OutputIndex, string Name, string Status, string? ErrorCode, string? ErrorMessage, bool Upscaled, string? StorageKey,
    RenditionMetadata? Metadata)
{
    public string ContentType => RenditionLadder.Find(Name)?.ContentType ?? "application/vnd.apple.mpegurl";
}
