namespace Reelgate.Server.Tests.Media;

/// Real ffprobe 5.1 output (-print_format json -show_format -show_streams) of renders and images
/// made with ffmpeg; disposition flags other than default/attached_pic and a few unused fields
/// dropped for brevity.
internal static class FfprobeSamples
{
    /// A 320x180 24 fps 2 s text render with audio.
    public const string VideoWithAudio = """
        {
          "streams": [
            {
              "index": 0,
              "codec_name": "h264",
              "profile": "High",
              "codec_type": "video",
              "codec_tag_string": "avc1",
              "width": 320,
              "height": 180,
              "has_b_frames": 2,
              "sample_aspect_ratio": "1:1",
              "display_aspect_ratio": "16:9",
              "pix_fmt": "yuv420p",
              "level": 12,
              "chroma_location": "left",
              "field_order": "progressive",
              "refs": 1,
              "id": "0x1",
              "r_frame_rate": "24/1",
              "avg_frame_rate": "24/1",
              "time_base": "1/12288",
              "start_pts": 0,
              "start_time": "0.000000",
              "duration_ts": 24576,
              "duration": "2.000000",
              "bit_rate": "37708",
              "bits_per_raw_sample": "8",
              "nb_frames": "48",
              "disposition": {
                "default": 1,
                "attached_pic": 0
              },
              "tags": {
                "language": "und",
                "handler_name": "VideoHandler",
                "vendor_id": "[0][0][0][0]",
                "encoder": "Lavc libx264"
              }
            },
            {
              "index": 1,
              "codec_name": "aac",
              "profile": "LC",
              "codec_type": "audio",
              "codec_tag_string": "mp4a",
              "sample_fmt": "fltp",
              "sample_rate": "48000",
              "channels": 2,
              "channel_layout": "stereo",
              "bits_per_sample": 0,
              "id": "0x2",
              "r_frame_rate": "0/0",
              "avg_frame_rate": "0/0",
              "time_base": "1/48000",
              "start_pts": 0,
              "start_time": "0.000000",
              "duration_ts": 96000,
              "duration": "2.000000",
              "bit_rate": "126775",
              "nb_frames": "95",
              "disposition": {
                "default": 1,
                "attached_pic": 0
              },
              "tags": {
                "language": "und",
                "handler_name": "SoundHandler",
                "vendor_id": "[0][0][0][0]"
              }
            }
          ],
          "format": {
            "filename": "h-Text-320x180.mp4",
            "nb_streams": 2,
            "format_name": "mov,mp4,m4a,3gp,3g2,mj2",
            "start_time": "0.000000",
            "duration": "2.000000",
            "size": "44265",
            "bit_rate": "177060",
            "tags": {
              "major_brand": "isom",
              "minor_version": "512",
              "compatible_brands": "isomiso2avc1mp41"
            }
          }
        }
        """;

    /// A 320x240 30 fps 2 s text render without audio.
    public const string VideoOnly = """
        {
          "streams": [
            {
              "index": 0,
              "codec_name": "h264",
              "profile": "High",
              "codec_type": "video",
              "codec_tag_string": "avc1",
              "width": 320,
              "height": 240,
              "has_b_frames": 2,
              "sample_aspect_ratio": "1:1",
              "display_aspect_ratio": "4:3",
              "pix_fmt": "yuv420p",
              "level": 13,
              "chroma_location": "left",
              "field_order": "progressive",
              "refs": 1,
              "id": "0x1",
              "r_frame_rate": "30/1",
              "avg_frame_rate": "30/1",
              "time_base": "1/15360",
              "start_pts": 0,
              "start_time": "0.000000",
              "duration_ts": 30720,
              "duration": "2.000000",
              "bit_rate": "47472",
              "bits_per_raw_sample": "8",
              "nb_frames": "60",
              "disposition": {
                "default": 1,
                "attached_pic": 0
              },
              "tags": {
                "language": "und",
                "handler_name": "VideoHandler",
                "vendor_id": "[0][0][0][0]",
                "encoder": "Lavc libx264"
              }
            }
          ],
          "format": {
            "filename": "h-Text-320x240.mp4",
            "nb_streams": 1,
            "format_name": "mov,mp4,m4a,3gp,3g2,mj2",
            "start_time": "0.000000",
            "duration": "2.000000",
            "size": "13428",
            "bit_rate": "53712",
            "tags": {
              "major_brand": "isom",
              "minor_version": "512",
              "compatible_brands": "isomiso2avc1mp41"
            }
          }
        }
        """;

    /// A 64x48 PNG, probed with -f image2.
    public const string Png = """
        {
          "streams": [
            {
              "index": 0,
              "codec_name": "png",
              "codec_type": "video",
              "codec_tag_string": "[0][0][0][0]",
              "width": 64,
              "height": 48,
              "has_b_frames": 0,
              "sample_aspect_ratio": "1:1",
              "display_aspect_ratio": "4:3",
              "pix_fmt": "rgb24",
              "level": -99,
              "color_range": "pc",
              "refs": 1,
              "r_frame_rate": "25/1",
              "avg_frame_rate": "25/1",
              "time_base": "1/25",
              "start_pts": 0,
              "start_time": "0.000000",
              "duration_ts": 1,
              "duration": "0.040000",
              "disposition": {
                "default": 0,
                "attached_pic": 0
              }
            }
          ],
          "format": {
            "filename": "small.png",
            "nb_streams": 1,
            "format_name": "image2",
            "start_time": "0.000000",
            "duration": "0.040000"
          }
        }
        """;

    /// A 48x64 JPEG, probed with -f image2.
    public const string Jpeg = """
        {
          "streams": [
            {
              "index": 0,
              "codec_name": "mjpeg",
              "profile": "Baseline",
              "codec_type": "video",
              "codec_tag_string": "[0][0][0][0]",
              "width": 48,
              "height": 64,
              "has_b_frames": 0,
              "sample_aspect_ratio": "1:1",
              "display_aspect_ratio": "3:4",
              "pix_fmt": "yuvj420p",
              "level": -99,
              "color_range": "pc",
              "color_space": "bt470bg",
              "chroma_location": "center",
              "refs": 1,
              "r_frame_rate": "25/1",
              "avg_frame_rate": "25/1",
              "time_base": "1/25",
              "start_pts": 0,
              "start_time": "0.000000",
              "duration_ts": 1,
              "duration": "0.040000",
              "bits_per_raw_sample": "8",
              "disposition": {
                "default": 0,
                "attached_pic": 0
              }
            }
          ],
          "format": {
            "filename": "small.jpg",
            "nb_streams": 1,
            "format_name": "image2",
            "start_time": "0.000000",
            "duration": "0.040000"
          }
        }
        """;

    /// A 64x48 WebP, probed with -f image2.
    public const string Webp = """
        {
          "streams": [
            {
              "index": 0,
              "codec_name": "webp",
              "codec_type": "video",
              "codec_tag_string": "[0][0][0][0]",
              "width": 64,
              "height": 48,
              "has_b_frames": 0,
              "pix_fmt": "yuv420p",
              "level": -99,
              "color_range": "tv",
              "color_space": "bt470bg",
              "refs": 1,
              "r_frame_rate": "25/1",
              "avg_frame_rate": "25/1",
              "time_base": "1/25",
              "start_pts": 0,
              "start_time": "0.000000",
              "duration_ts": 1,
              "duration": "0.040000",
              "disposition": {
                "default": 0,
                "attached_pic": 0
              }
            }
          ],
          "format": {
            "filename": "small.webp",
            "nb_streams": 1,
            "format_name": "image2",
            "start_time": "0.000000",
            "duration": "0.040000"
          }
        }
        """;
}
