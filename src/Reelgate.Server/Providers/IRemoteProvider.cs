namespace Reelgate.Server.Providers;

/// A provider that runs the job somewhere else as a long-running operation: submit once, then
/// poll until done, then download. The worker stores the operation name right after a submit
/// succeeds, so after a restart it resumes polling instead of submitting again. Adapters map
/// requests and answers and talk HTTP; they never touch the database.
internal interface IRemoteProvider
{
    /// The configured name, e.g. "gemini" (used in the task's `provider` and in settings).
    string Name { get; }

    /// Sends the job upstream. Returns the upstream operation's name once the upstream accepted
    /// it. Throws ProviderException with Accepted = false when nothing was started upstream (so
    /// the router may try the next provider).
    Task<string> SubmitAsync(ProviderJob job, UpstreamModel model, CancellationToken ct);

    /// One look at the operation. Upstream 429 and 5xx answers are `Pending` with a delay, not
    /// failures.
    Task<PollResult> PollAsync(string operation, CancellationToken ct);

    /// Downloads every result of a succeeded operation to files under job.WorkDir (video, and a
    /// JPEG poster made with FFmpeg when the upstream has none).
    Task<IReadOnlyList<RenderedOutput>> DownloadAsync(ProviderJob job, PollResult.Succeeded done, CancellationToken ct);

    /// Asks the upstream to stop an operation whose task was cancelled. Best effort: the caller
    /// ignores failures, and an upstream without a cancel call keeps this default.
    Task CancelAsync(string operation, CancellationToken ct) => Task.CompletedTask;
}

/// The upstream's own model id and what the catalogue says it can do.
internal sealed record UpstreamModel(string Id, bool SupportsAudio);

internal abstract record PollResult
{
    /// Still running. Progress 0..1 when the upstream reports it; RetryAfter when it asked us
    /// to wait (a 429, a 5xx, or a Retry-After header).
    public sealed record Pending(double? Progress = null, TimeSpan? RetryAfter = null) : PollResult;

    /// Done. Results are what the adapter needs to download them (URIs, inline base64 held in a
    /// file path, ComfyUI file names...). Filtered: how many more videos the upstream's content
    /// filter removed (Veo keeps the samples that passed), so fewer than asked is no mismatch.
    public sealed record Succeeded(IReadOnlyList<string> Results, int Filtered = 0) : PollResult;

    /// Done without a video: Code is one of ours (content_filtered, upstream_error,
    /// invalid_request...), Message is safe to show the client.
    public sealed record Failed(string Code, string Message) : PollResult;
}
