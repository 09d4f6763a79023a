using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Reelgate.Server.Data;
using Reelgate.Server.Providers;
using Reelgate.Server.Providers.Routing;
using Reelgate.Server.Tasks;
using Reelgate.Server.Worker;

namespace Reelgate.Server.Tests.Providers.Routing;

/// Every way out of a half-open trial through RemoteRun ends the trial: a trial cancelled while
/// it waited for the provider's slot lets the next trial through (no verdict), and one whose
/// upstream answered unusably or that threw anything else opens the circuit again. None of
/// these paths writes to the database, so none is given one.
public sealed class HalfOpenTrialTests
{
    const long Opened = 1_000_000, HalfOpen = Opened + 30_000;

    readonly ManualClock clock = new(Opened);
    readonly ScriptedProvider provider = new();
    readonly ProviderRegistry registry;
    readonly RemoteRun run;

    public HalfOpenTrialTests()
    {
        var settings = new Server.Providers.OpenAiCompatible.OpenAiCompatibleOptions { Enabled = true, MaxConcurrency = 1, CircuitFailures = 1, CircuitCooldownSeconds = 30 };
        var entry = new RemoteEntry(provider, settings, m => m, RemoteEntry.AllTypes, 1);
        registry = new ProviderRegistry([entry], new Server.Billing.Pricing(new ConfigurationBuilder().Build()), clock);
        run = new RemoteRun(new NoDatabase(), registry, Microsoft.Extensions.Options.Options.Create(new RoutingOptions()), NullLogger<RemoteRun>.Instance);
        Live.Breaker.TryEnter(Opened)!.Failed(Opened);   // one failure opens it (CircuitFailures = 1)
        clock.Ms = HalfOpen;
    }

    ProviderRegistry.Live Live => registry.Get(ScriptedProvider.Id)!;

    Task RunAsync(CancellationToken ct = default) => run.RunAsync(
        new VideoTask { Id = "task_1", AccountId = "acct", Status = TaskStatuses.InProgress, Model = "m", Provider = "local", Prompt = "p", RequestJson = "{}", Size = "1280x720" },
        new ProviderJob("task_1", Request, [], Path.GetTempPath()),
        [new Candidate(ScriptedProvider.Id, "m", 0, 0, RemoteEntry.AllTypes, 1, false)], "worker_1", _ => { }, ct);

    static readonly GenerationRequest Request =
        new("veo-3.1-fast-generate-preview", "p", null, 8, "16:9", "720p", 1280, 720, 24, "text", [], 1, 1, false, null, "pad", false, null, null);

    [Fact]
    public async Task Trial_CancelledWhileWaitingForTheSlot_LetsTheNextTrialThrough()
    {
        Live.Slots.Wait();   // another job holds the only slot
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunAsync(cancelled.Token));
        Live.Slots.Release();

        Assert.Equal(0, provider.Submits);
        Assert.Equal(CircuitBreaker.HalfOpen, Live.Breaker.State(HalfOpen + 1));   // no failure counted
        Assert.NotNull(Live.Breaker.TryEnter(HalfOpen + 1));                           // and the trial is free again
    }

    [Fact]
    public async Task Trial_AcceptedButUnreadable_OpensTheCircuitAgain()
    {
        provider.Submit = () => throw new ProviderException("upstream_error", "accepted, but the answer had no operation name");
        await Assert.ThrowsAsync<ProviderException>(() => RunAsync());

        Assert.Equal(1, provider.Submits);
        Assert.Equal(CircuitBreaker.Open, Live.Breaker.State(HalfOpen + 29_999));
        Assert.NotNull(Live.Breaker.TryEnter(HalfOpen + 30_000));   // a new cool-down, then a new trial
    }

    [Fact]
    public async Task Trial_EndedByAnUnexpectedException_OpensTheCircuitAgain()
    {
        provider.Submit = () => throw new InvalidOperationException("a defect in the adapter");
        await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync());

        Assert.Equal(1, provider.Submits);
        Assert.Equal(CircuitBreaker.Open, Live.Breaker.State(HalfOpen + 29_999));
        Assert.NotNull(Live.Breaker.TryEnter(HalfOpen + 30_000));
    }

    sealed class ManualClock(long ms) : TimeProvider
    {
        public long Ms = ms;
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeMilliseconds(Ms);
    }

    sealed class ScriptedProvider : IRemoteProvider
    {
        public const string Id = "scripted";
        public Func<string> Submit = () => "operations/1";
        public int Submits;

        public string Name => Id;

        public async Task<string> SubmitAsync(ProviderJob job, UpstreamModel model, CancellationToken ct)
        {
            Submits++;
            await Task.Yield();
            return Submit();
        }

        public Task<PollResult> PollAsync(string operation, CancellationToken ct) => throw new NotSupportedException();

        public Task<IReadOnlyList<RenderedOutput>> DownloadAsync(ProviderJob job, PollResult.Succeeded done, CancellationToken ct) =>
            throw new NotSupportedException();
    }

    sealed class NoDatabase : IDbContextFactory<ReelgateDb>
    {
        public ReelgateDb CreateDbContext() => throw new InvalidOperationException("this path must not write to the database");
    }
}
