using System.Buffers.Binary;
using System.Text;

namespace Reelgate.Server.Tests.Previews;

/// The tests' own readers of what the previews claim to be, independent of the server and of
/// ffprobe (whose WebP decoder does not read animations): a WebP's RIFF chunks and a JPEG's size.
public static class ImageHeaders
{
    /// Canvas size (VP8X), whether the ANIM chunk is there, and the number of ANMF frames.
    public static (int Width, int Height, bool Animated, int Frames) Webp(byte[] b)
    {
        Assert.Equal("RIFF", Encoding.ASCII.GetString(b, 0, 4));
        Assert.Equal("WEBP", Encoding.ASCII.GetString(b, 8, 4));
        int width = 0, height = 0, frames = 0;
        var anim = false;
        for (var at = 12; at + 8 <= b.Length;)
        {
            var fourcc = Encoding.ASCII.GetString(b, at, 4);
            var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(at + 4));
            var body = at + 8;
            if (fourcc == "VP8X")
            {
                width = 1 + (b[body + 4] | b[body + 5] << 8 | b[body + 6] << 16);
                height = 1 + (b[body + 7] | b[body + 8] << 8 | b[body + 9] << 16);
            }
            anim |= fourcc == "ANIM";
            if (fourcc == "ANMF") frames++;
            at = body + size + (size & 1); // chunks are padded to an even size
        }
        return (width, height, anim, frames);
    }

    /// The frame size from the JPEG's start-of-frame marker (any SOFn but DHT, JPG and DAC).
    public static (int Width, int Height) Jpeg(byte[] b)
    {
        Assert.True(b[0] == 0xFF && b[1] == 0xD8, "not a JPEG");
        for (var at = 2; at + 9 < b.Length;)
        {
            Assert.Equal(0xFF, b[at]);
            var marker = b[at + 1];
            var length = BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(at + 2));
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
                return (BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(at + 7)), BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(at + 5)));
            at += 2 + length;
        }
        throw new InvalidDataException("no start-of-frame marker");
    }
}
