using System.Net.Http.Headers;
using Reelgate.Server.Files;

namespace Reelgate.Server.Providers.Upstream;

/// multipart/form-data parts as browsers send them (name and filename quoted: some parsers
/// insist), and the image type an upload declares.
internal static class FormParts
{
    public static void AddText(MultipartFormDataContent form, string name, string value)
    {
        var part = new StringContent(value);
        part.Headers.ContentType = null;
        part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = Quote(name) };
        form.Add(part);
    }

    public static void AddFile(MultipartFormDataContent form, string name, string fileName, byte[] bytes)
    {
        var part = new ByteArrayContent(bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue(ImageType(bytes).MediaType);
        part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = Quote(name), FileName = Quote(fileName) };
        form.Add(part);
    }

    /// JPEG, PNG or WebP by their first bytes (ImageSniffer), for the content type and file name of an uploaded image.
    public static (string MediaType, string Extension) ImageType(ReadOnlySpan<byte> head) =>
        ImageSniffer.DetectContentType(head) is { } type ? (type, ImageSniffer.ExtensionFor(type).TrimStart('.')) : ("application/octet-stream", "bin");

    static string Quote(string s) => $"\"{s}\"";
}
