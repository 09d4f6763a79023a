using Reelgate.Server.Media;

namespace Reelgate.Server.Tests.Media;

public sealed class FfprobeParserTests
{
    [Fact]
    public void Parses_video_with_audio()
    {
        var info = FfprobeParser.ParseMedia(FfprobeSamples.VideoWithAudio);

        Assert.Equal(new MediaInfo(2.0, 320, 180, 24.0, "h264", "aac", 177060, 44265, "High", 12), info);
    }

    [Fact]
    public void Unknown_level_is_null_and_profile_is_kept_as_ffprobe_names_it()
    {
        var json = FfprobeSamples.VideoOnly.Replace("\"level\": 13", "\"level\": -99").Replace("\"High\"", "\"Profile 0\"");

        var info = FfprobeParser.ParseMedia(json);

        Assert.Equal("Profile 0", info.VideoProfile);
        Assert.Null(info.VideoLevel);
    }

    [Fact]
    public void Parses_video_without_audio()
    {
        var info = FfprobeParser.ParseMedia(FfprobeSamples.VideoOnly);

        Assert.Equal(320, info.Width);
        Assert.Equal(240, info.Height);
        Assert.Equal(30.0, info.Fps);
        Assert.Equal("h264", info.VideoCodec);
        Assert.Null(info.AudioCodec);
        Assert.Equal(13428, info.SizeBytes);
    }

    [Theory]
    [InlineData(nameof(FfprobeSamples.Png), 64, 48, "png")]
    [InlineData(nameof(FfprobeSamples.Jpeg), 48, 64, "mjpeg")]
    [InlineData(nameof(FfprobeSamples.Webp), 64, 48, "webp")]
    public void Parses_images(string sample, int width, int height, string codec)
    {
        var json = (string)typeof(FfprobeSamples).GetField(sample)!.GetValue(null)!;

        Assert.Equal(new ImageInfo(width, height, codec), FfprobeParser.ParseImage(json));
    }

    [Fact]
    public void Image_probe_output_also_parses_as_media()
    {
        var info = FfprobeParser.ParseMedia(FfprobeSamples.Png);

        Assert.Equal("png", info.VideoCodec);
        Assert.Equal(64, info.Width);
    }

    [Theory]
    [InlineData("24/1", 24.0)]
    [InlineData("30000/1001", 29.97002997)]
    [InlineData("25", 25.0)]
    [InlineData("0/0", null)]
    [InlineData("24/0", null)]
    [InlineData("", null)]
    [InlineData("abc", null)]
    public void Parses_frame_rates(string rate, double? expected)
    {
        var actual = FfprobeParser.ParseRate(rate);

        if (expected is null)
            Assert.Null(actual);
        else
            Assert.Equal(expected.Value, actual!.Value, 6);
    }

    [Fact]
    public void Falls_back_to_r_frame_rate_and_stream_duration()
    {
        const string json = """
            {"streams":[{"codec_type":"video","codec_name":"h264","width":8,"height":6,
              "avg_frame_rate":"0/0","r_frame_rate":"25/1","duration":"3.5"}],"format":{}}
            """;

        var info = FfprobeParser.ParseMedia(json);

        Assert.Equal(25.0, info.Fps);
        Assert.Equal(3.5, info.DurationSeconds);
        Assert.Equal(0, info.BitRate);
        Assert.Equal(0, info.SizeBytes);
    }

    [Fact]
    public void Skips_attached_pictures_when_looking_for_video()
    {
        const string json = """
            {"streams":[
              {"codec_type":"video","codec_name":"mjpeg","width":600,"height":600,"disposition":{"attached_pic":1}},
              {"codec_type":"video","codec_name":"h264","width":1280,"height":720,"avg_frame_rate":"24/1"}],
             "format":{"duration":"1.0"}}
            """;

        Assert.Equal("h264", FfprobeParser.ParseMedia(json).VideoCodec);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("""{"streams":[{"codec_type":"audio","codec_name":"aac"}],"format":{}}""")]
    public void Rejects_output_without_video(string json)
    {
        Assert.Throws<InvalidDataException>(() => FfprobeParser.ParseMedia(json));
        Assert.Throws<InvalidDataException>(() => FfprobeParser.ParseImage(json));
    }
}
