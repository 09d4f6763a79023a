using Reelgate.Server.Files;

namespace Reelgate.Server.Tests.Files;

public sealed class ImageSnifferTests
{
    public static TheoryData<string, string> RealImages => new()
    {
        { "jpeg", "image/jpeg" },
        { "png", "image/png" },
        { "webp", "image/webp" },
    };

    [Theory]
    [MemberData(nameof(RealImages))]
    public void DetectContentType_OnRealImage_ReturnsItsType(string name, string expected)
    {
        Assert.Equal(expected, ImageSniffer.DetectContentType(Image(name)));
    }

    [Theory]
    [MemberData(nameof(RealImages))]
    public void DetectContentType_OnHeaderOnly_IsEnough(string name, string expected)
    {
        Assert.Equal(expected, ImageSniffer.DetectContentType(Image(name).AsSpan(0, ImageSniffer.HeaderLength)));
    }

    [Theory]
    [InlineData("gif")]
    [InlineData("pdf")]
    [InlineData("wav")]
    [InlineData("text")]
    [InlineData("empty")]
    [InlineData("truncated-webp")]
    [InlineData("truncated-png")]
    public void DetectContentType_OnOtherContent_ReturnsNull(string name)
    {
        Assert.Null(ImageSniffer.DetectContentType(Image(name)));
    }

    [Fact]
    public void DetectContentType_OnJpegWithExifMarker_ReturnsJpeg()
    {
        Assert.Equal("image/jpeg", ImageSniffer.DetectContentType([0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x10]));
    }

    [Theory]
    [InlineData("jpeg", true)]
    [InlineData("png", false)]
    [InlineData("webp", false)]
    [InlineData("empty", false)]
    public void IsJpegFile_ReadsTheFilesFirstBytes(string name, bool expected)
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, Image(name));
            Assert.Equal(expected, ImageSniffer.IsJpegFile(path));
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData("image/jpeg", ".jpg")]
    [InlineData("image/png", ".png")]
    [InlineData("image/webp", ".webp")]
    public void ExtensionFor_SupportedType_ReturnsExtension(string contentType, string extension)
    {
        Assert.Equal(extension, ImageSniffer.ExtensionFor(contentType));
    }

    [Fact]
    public void ExtensionFor_UnsupportedType_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageSniffer.ExtensionFor("image/gif"));
    }

    private static byte[] Image(string name) => name switch
    {
        "jpeg" => TestImages.Jpeg,
        "png" => TestImages.Png,
        "webp" => TestImages.Webp,
        "gif" => TestImages.GifHeader,
        "pdf" => TestImages.PdfHeader,
        "wav" => TestImages.WavHeader,
        "text" => TestImages.Text,
        "empty" => [],
        "truncated-webp" => TestImages.Webp[..10],
        "truncated-png" => TestImages.Png[..7],
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
