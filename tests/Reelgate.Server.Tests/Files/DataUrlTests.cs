using Reelgate.Server.Files;

namespace Reelgate.Server.Tests.Files;

public sealed class DataUrlTests
{
    private static readonly string PngBase64 = Convert.ToBase64String(TestImages.Png);

    [Fact]
    public void Parse_WellFormedPng_ReturnsDeclaredTypeAndBytes()
    {
        var result = DataUrl.Parse($"data:image/png;base64,{PngBase64}", maxBytes: 1024);

        Assert.True(result.IsSuccess);
        Assert.Equal("image/png", result.MediaType);
        Assert.Equal(TestImages.Png, result.Bytes);
    }

    [Fact]
    public void Parse_WithExtraParametersAndUpperCase_ReturnsLowerCaseType()
    {
        var result = DataUrl.Parse($"DATA:Image/PNG;name=x.png;BASE64,{PngBase64}", maxBytes: 1024);

        Assert.True(result.IsSuccess);
        Assert.Equal("image/png", result.MediaType);
        Assert.Equal(TestImages.Png, result.Bytes);
    }

    [Fact]
    public void Parse_DeclaredTypeDisagreeingWithBytes_ReportsDeclaredTypeForCallerToSniff()
    {
        var result = DataUrl.Parse($"data:image/jpeg;base64,{PngBase64}", maxBytes: 1024);

        Assert.True(result.IsSuccess);
        Assert.Equal("image/jpeg", result.MediaType);
        Assert.Equal("image/png", ImageSniffer.DetectContentType(result.Bytes));
    }

    [Theory]
    [InlineData("image/png;base64,iVBORw0KGgo=")]
    [InlineData("https://example.com/x.png")]
    [InlineData("data:image/png;base64")]
    [InlineData("data:;base64,iVBORw0KGgo=")]
    [InlineData("data:image;base64,iVBORw0KGgo=")]
    [InlineData("data:image/png;base64,")]
    public void Parse_Malformed_ReturnsMalformed(string value)
    {
        var result = DataUrl.Parse(value, maxBytes: 1024);

        Assert.False(result.IsSuccess);
        Assert.Equal("data_url_malformed", result.Error);
    }

    [Theory]
    [InlineData("data:image/png,iVBORw0KGgo=")]
    [InlineData("data:image/png;charset=utf-8,iVBORw0KGgo=")]
    [InlineData("data:image/png;base64;name=x,iVBORw0KGgo=")]
    public void Parse_WithoutBase64Marker_ReturnsNotBase64(string value)
    {
        var result = DataUrl.Parse(value, maxBytes: 1024);

        Assert.False(result.IsSuccess);
        Assert.Equal("data_url_not_base64", result.Error);
    }

    [Theory]
    [InlineData("data:image/png;base64,iVBORw0KGgo")]
    [InlineData("data:image/png;base64,iVBO*w0KGgo=")]
    [InlineData("data:image/png;base64,iVBO w0KGgo=")]
    [InlineData("data:image/png;base64,iVBORw0K%3D%3D")]
    [InlineData("data:image/png;base64,====")]
    public void Parse_BadBase64_ReturnsInvalidBase64(string value)
    {
        var result = DataUrl.Parse(value, maxBytes: 1024);

        Assert.False(result.IsSuccess);
        Assert.Equal("data_url_invalid_base64", result.Error);
    }

    [Fact]
    public void Parse_ExactlyAtLimit_Succeeds()
    {
        var result = DataUrl.Parse($"data:image/png;base64,{PngBase64}", maxBytes: TestImages.Png.Length);

        Assert.True(result.IsSuccess);
    }

    [Fact]
    public void Parse_OneByteOverLimit_ReturnsTooLarge()
    {
        var result = DataUrl.Parse($"data:image/png;base64,{PngBase64}", maxBytes: TestImages.Png.Length - 1);

        Assert.False(result.IsSuccess);
        Assert.Equal("image_too_large", result.Error);
    }

    [Fact]
    public void Parse_HugeInvalidPayload_IsRefusedBySizeBeforeDecoding()
    {
        var payload = new string('*', 4 * 1024 * 1024);

        var result = DataUrl.Parse($"data:image/png;base64,{payload}", maxBytes: 1024);

        Assert.Equal("image_too_large", result.Error);
    }

    [Theory]
    [InlineData("data:image/png;base64,x", true)]
    [InlineData("DATA:image/png;base64,x", true)]
    [InlineData("https://example.com/x.png", false)]
    public void IsDataUrl_ChecksScheme(string value, bool expected)
    {
        Assert.Equal(expected, DataUrl.IsDataUrl(value));
    }
}
