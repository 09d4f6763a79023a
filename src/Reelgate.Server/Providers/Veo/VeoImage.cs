using Reelgate.Server.Files;

namespace Reelgate.Server.Providers.Veo;

/// One input image as Veo takes it: inline base64 with its sniffed MIME type.
internal sealed record VeoImage(string Base64, string MimeType)
{
    /// Reads the job's local image files. Their type comes from their bytes, as everywhere else.
    public static async Task<IReadOnlyList<VeoImage>> LoadAsync(IReadOnlyList<string> paths, CancellationToken ct)
    {
        var images = new List<VeoImage>(paths.Count);
        foreach (var path in paths)
        {
            var bytes = await File.ReadAllBytesAsync(path, ct);
            var type = ImageSniffer.DetectContentType(bytes)
                ?? throw new ProviderException("invalid_request", $"Input image {images.Count} is not a JPEG, PNG or WebP file.", accepted: false);
            images.Add(new VeoImage(Convert.ToBase64String(bytes), type));
        }
        return images;
    }
}
