using System.Text;

namespace Reelgate.Server.Tests.Files;

/// Real 16x12 images made with `ffmpeg -f lavfi -i testsrc2=s=16x12 -frames:v 1 x.{jpg,png,webp,gif}`.
internal static class TestImages
{
    public static readonly byte[] Jpeg = Convert.FromBase64String(
        "/9j/4AAQSkZJRgABAgAAAQABAAD//gAQTGF2YzU5LjM3LjEwMAD/2wBDAAgEBAQEBAUFBQUFBQYGBgYGBgYGBgYGBgYHBwcICAgHBwcGBgcHCAgICAkJCQgICAgJCQoKCgwMCwsODg4RERT/xABpAAEBAAAAAAAAAAAAAAAAAAAFBgEBAQAAAAAAAAAAAAAAAAAABQYQAAICAgICAQUBAQAAAAAAAAMBAgQSEQYTAAUVMyRBIlEhFhEAAwACAgMBAQEAAAAAAAAAAgEDBAUGEyESFQAiFP/AABEIAAwAEAMBIgACEQADEQD/2gAMAwEAAhEDEQA/AInjXJuZ+p5RcFx610SEOJpthoyGIUK0nMhSXBSGOC7JJyJJLckt714VxH/u+O+9kCl9tZdSF/tXx5qrpsJWratE7Kbr4zce5F683hvP/PH+IAFaNyyuaOYjXOKCJHbjlCdrGS3FqS2m1tNP+eOUfV0R8J+KiHVOPvz0ohzI9V1yqYkPNz7Pp/rlln+d78D1fMMni558cIFD6B6jBynJFMrL/OdQtYpWn3dLqaGBj59m1UPKdPynjUdhvuS5NTM3lfYpZM0u2fWWtLFL2jT+DxpDN0JmlJKfUxX7/9k=");

    public static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAABAAAAAMCAIAAADkharWAAAACXBIWXMAAAABAAAAAQBPJcTWAAAAlklEQVR4nGP4y8AARwz/QOjvXxCCcsAIKAZEDP//gxCZGuzACELZ2oIQTAyEwAK2DHZ2IDTINSgbgtCzNnEgetxkAkRSDDxA5M/AB0S3OrWACF3D1MVhQNVtagxBDAxADau75kI0nK3pAarOl2NA0fCvHoSQnQQRgSAsTiJTQ54ew7k+vWPtGaYMDMgaPDQZNk8JIVkDACkUoYkRc+Q3AAAAAElFTkSuQmCC");

    public static readonly byte[] Webp = Convert.FromBase64String(
        "UklGRtoAAABXRUJQVlA4IM4AAABQAwCdASoQAAwAAgA0JbACdDXAP1A6xr9YPSAKYMQH/0fLgAD++KVWNB9XJXX5exNfcz83pf7Y1mhQVd3QNczvJXYY4ZofuFdy06Y+Lb4WJpLR9bH/VlG187HEry4V4KUBLfjIqwz7+Uf0jHy51u5r7/7eux3k3f8x4Lz2gPqKzej/8iiH/5oI1t8n/H8jvfrKj2Jtf/f5bCvxf/Y1LJ/ltMgc9/8TH/rnV7mFwz/3rDjhGIh+/k4n6Rjc4v/6WHQZnkgO33TfZf5xv6tAAA==");

    /// The first 24 bytes of the same frame encoded as GIF.
    public static readonly byte[] GifHeader = Convert.FromBase64String("R0lGODlhEAAMAPcfMQAAACQAAEgAAGwA");

    public static readonly byte[] PdfHeader = Encoding.Latin1.GetBytes("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n");

    public static readonly byte[] WavHeader = Encoding.ASCII.GetBytes("RIFF$\0\0\0WAVEfmt \u0010\0\0\0");

    public static readonly byte[] Text = Encoding.UTF8.GetBytes("hello, this is not an image");
}
