using System.Text.Json.Serialization;
using Reelgate.Server.Data;

namespace Reelgate.Server.Files;

/// An uploaded image as the API shows it (times in Unix seconds).
internal sealed record FileObject(
    string Id, string Object, long Bytes, long CreatedAt, string Filename, string Purpose, string ContentType, int Width, int Height,
    [property: JsonPropertyName("sha256")] string Sha256)
{
    public static FileObject From(StoredFile f) =>
        new(f.Id, "file", f.Bytes, f.CreatedAt / 1000, f.Filename, "vision", f.ContentType, f.Width, f.Height, f.Sha256);
}

/// POST /v1/files: multipart/form-data with the image in a part named `file`.
[Http.RequestBodyDoc]
internal sealed record FileUploadDoc(IFormFile File, string? Purpose);
