using Reelgate.Server.Tests.Support;
using TestAccounts = Reelgate.Server.Tests.Billing.Accounts;

namespace Reelgate.Server.Tests.Renditions;

/// A server whose FFmpeg refuses to encode VP9 (a wrapper that exits 1 when asked for libvpx-vp9
/// and runs the real ffmpeg otherwise), so one rendition fails for a real encoder reason while
/// the master and the other renditions are made; with the billing tests' tiers.
public sealed class RenditionServer : IAsyncLifetime
{
    readonly string folder = Directory.CreateTempSubdirectory("rg-ffmpeg-").FullName;

    public ServerProcess Server { get; }

    public RenditionServer()
    {
        var wrapper = Path.Combine(folder, "ffmpeg");
        File.WriteAllText(wrapper, """
            #!/bin/sh
            for a in "$@"; do
              if [ "$a" = "libvpx-vp9" ]; then echo "Unknown encoder 'libvpx-vp9' (disabled for this test)" >&2; exit 1; fi
            done
            exec ffmpeg "$@"
            """.Replace("\r", ""));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Server = new ServerProcess(TestAccounts.Tiers(new() { ["Media__FfmpegPath"] = wrapper }));
    }

    public Task InitializeAsync() => Server.StartAsync();

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }
}
