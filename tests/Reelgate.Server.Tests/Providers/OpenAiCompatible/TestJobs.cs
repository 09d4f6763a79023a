using Reelgate.Server.Providers;
using Reelgate.Server.Tasks;

namespace Reelgate.Server.Tests.Providers.OpenAiCompatible;

/// Requests and jobs as the worker would hand them to a remote provider.
internal static class TestJobs
{
    /// Quotes, a newline and a placeholder-looking word: none of it may change the wire format.
    public const string Prompt = "A \"neon\" city at night,\nrain on the {{glass}}";

    public static GenerationRequest Request(string model = "sora-2", int duration = 8, int fps = 24, int n = 1,
        string? negative = null, uint seed = 42, string generationType = "text", int width = 1280, int height = 720) =>
        new(model, Prompt, negative, duration, "16:9", "720p", width, height, fps, generationType, [], seed, n,
            false, null, "pad", false, null, null);

    public static ProviderJob Job(GenerationRequest request, params string[] images)
    {
        var dir = Directory.CreateTempSubdirectory("reelgate-remote-job-").FullName;
        return new ProviderJob("task_cmf1", request, images, dir);
    }
}
