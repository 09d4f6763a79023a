using Reelgate.Server.Tasks;

namespace Reelgate.Server.Providers;

/// A generation backend. Providers translate and render; they never touch the database.
internal interface IVideoProvider
{
    string Name { get; }

    /// Produces Request.N outputs as local files under job.WorkDir, reporting progress 0..1.
    Task<IReadOnlyList<RenderedOutput>> GenerateAsync(ProviderJob job, Action<double> progress, CancellationToken ct);
}

internal sealed record ProviderJob(string TaskId, GenerationRequest Request, IReadOnlyList<string> ImagePaths, string WorkDir);

internal sealed record RenderedOutput(int Index, uint Seed, string VideoPath, string ThumbnailPath);

/// A failure the provider understood: a stable code for the task's error object. Accepted is
/// false when the upstream never started the job, so another provider may still be tried.
internal sealed class ProviderException(string code, string message, Exception? inner = null, bool accepted = true, string? details = null) : Exception(message, inner)
{
    public string Code { get; } = code;

    /// JSON shown as the task's `error.details` (output_mismatch: {asked, delivered}).
    public string? Details { get; } = details;

    public bool Accepted { get; } = accepted;
}
