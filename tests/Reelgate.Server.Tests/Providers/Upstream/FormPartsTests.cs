using Reelgate.Server.Providers.Upstream;
using Reelgate.Server.Tests.Files;

namespace Reelgate.Server.Tests.Providers.Upstream;

public sealed class FormPartsTests
{
    [Fact]
    public void ImageType_NamesWhatImageSnifferRecognises()
    {
        Assert.Equal(("image/jpeg", "jpg"), FormParts.ImageType(TestImages.Jpeg));
        Assert.Equal(("image/png", "png"), FormParts.ImageType(TestImages.Png));
        Assert.Equal(("image/webp", "webp"), FormParts.ImageType(TestImages.Webp));
        Assert.Equal(("application/octet-stream", "bin"), FormParts.ImageType(TestImages.GifHeader));
    }
}
