using System.Globalization;
using System.Text.Json;

namespace Reelgate.Server.Media;

/// Parses `ffprobe -v error -print_format json -show_format -show_streams` output.
internal static class FfprobeParser
{
    public static MediaInfo ParseMedia(string json)
    {
        using var doc = Parse(json);
        var root = doc.RootElement;
        var video = FindStream(root, "video")
            ?? throw new InvalidDataException("ffprobe output has no video stream.");
        var audio = FindStream(root, "audio");
        root.TryGetProperty("format", out var format);

        var duration = ReadDouble(format, "duration") ?? ReadDouble(video, "duration") ?? 0;
        var fps = ReadRate(video, "avg_frame_rate") ?? ReadRate(video, "r_frame_rate") ?? 0;
        return new MediaInfo(
            duration,
            ReadInt(video, "width"),
            ReadInt(video, "height"),
            fps,
            ReadString(video, "codec_name") ?? "unknown",
            audio is { } a ? ReadString(a, "codec_name") ?? "unknown" : null,
            ReadLong(format, "bit_rate") ?? 0,
            ReadLong(format, "size") ?? 0,
            ReadString(video, "profile"),
            ReadLong(video, "level") is { } level and >= 0 and <= int.MaxValue ? (int)level : null);
    }

    /// Still images probe as a single video stream (mjpeg, png, webp).
    public static ImageInfo ParseImage(string json)
    {
        using var doc = Parse(json);
        var stream = FindStream(doc.RootElement, "video")
            ?? throw new InvalidDataException("ffprobe output has no image stream.");
        var width = ReadInt(stream, "width");
        var height = ReadInt(stream, "height");
        if (width <= 0 || height <= 0)
            throw new InvalidDataException("ffprobe reported no image dimensions.");
        return new ImageInfo(width, height, ReadString(stream, "codec_name") ?? "unknown");
    }

    /// "24/1", "30000/1001"; "0/0" and garbage mean unknown.
    public static double? ParseRate(string? rate)
    {
        if (string.IsNullOrEmpty(rate))
            return null;
        var slash = rate.IndexOf('/');
        if (slash < 0)
            return TryDouble(rate) is { } plain && plain > 0 ? plain : null;
        var num = TryDouble(rate[..slash]);
        var den = TryDouble(rate[(slash + 1)..]);
        return num is > 0 && den is > 0 ? num / den : null;
    }

    private static JsonDocument Parse(string json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException("ffprobe output is not valid JSON.", ex);
        }
    }

    private static JsonElement? FindStream(JsonElement root, string codecType)
    {
        if (!root.TryGetProperty("streams", out var streams) || streams.ValueKind != JsonValueKind.Array)
            return null;
        foreach (var stream in streams.EnumerateArray())
        {
            if (ReadString(stream, "codec_type") != codecType || IsAttachedPicture(stream))
                continue;
            return stream;
        }
        return null;
    }

    private static bool IsAttachedPicture(JsonElement stream) =>
        stream.TryGetProperty("disposition", out var d)
        && d.ValueKind == JsonValueKind.Object
        && d.TryGetProperty("attached_pic", out var pic)
        && pic.ValueKind == JsonValueKind.Number
        && pic.GetInt32() == 1;

    private static string? ReadString(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    private static int ReadInt(JsonElement element, string name) =>
        ReadLong(element, name) is { } v and >= 0 and <= int.MaxValue ? (int)v : 0;

    private static long? ReadLong(JsonElement element, string name) =>
        long.TryParse(ReadString(element, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static double? ReadDouble(JsonElement element, string name) => TryDouble(ReadString(element, name));

    private static double? ReadRate(JsonElement element, string name) => ParseRate(ReadString(element, name));

    private static double? TryDouble(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null;
}
