namespace Reelgate.Server.Streaming;

internal static class StreamingSetup
{
    public static IServiceCollection AddStreaming(this IServiceCollection services) => services.AddSingleton<HlsLinks>();
}
