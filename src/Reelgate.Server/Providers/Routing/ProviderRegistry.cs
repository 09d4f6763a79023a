using Reelgate.Server.Catalog;

namespace Reelgate.Server.Providers.Routing;

/// The configured remote providers with their live state in this process: circuit breaker,
/// job slots (the concurrency cap), and the last 100 calls for GET /v1/providers.
internal sealed class ProviderRegistry(IEnumerable<RemoteEntry> entries, Billing.Pricing pricing, TimeProvider clock)
{
    readonly Dictionary<string, Live> live = entries.Select((e, i) => new Live(e, i)).ToDictionary(l => l.Entry.Provider.Name, StringComparer.Ordinal);

    internal sealed class Live(RemoteEntry entry, int order)
    {
        readonly Lock gate = new();
        readonly Queue<(double Ms, bool Ok)> recent = new();

        public RemoteEntry Entry => entry;
        public int Order => order;
        public CircuitBreaker Breaker { get; } = new(entry.Settings.CircuitFailures, TimeSpan.FromSeconds(entry.Settings.CircuitCooldownSeconds));
        public SemaphoreSlim Slots { get; } = new(entry.Settings.MaxConcurrency);
        public int InFlight => entry.Settings.MaxConcurrency - Slots.CurrentCount;

        int waiting;

        /// Tasks of this process waiting for one of the provider's job slots (for /metrics).
        public int Waiting => Volatile.Read(ref waiting);

        /// Takes a job slot, held until the returned lease is disposed (every way out of the job
        /// gives it back); while the cap is reached the task waits here, counted as waiting.
        public async Task<IDisposable> EnterAsync(CancellationToken ct)
        {
            if (!Slots.Wait(0))
            {
                Interlocked.Increment(ref waiting);
                try { await Slots.WaitAsync(ct); }
                finally { Interlocked.Decrement(ref waiting); }
            }
            return new SlotLease(Slots);
        }

        public void Record(double ms, bool ok)
        {
            lock (gate)
            {
                recent.Enqueue((ms, ok));
                while (recent.Count > 100) recent.Dequeue();
            }
        }

        public (int Calls, double ErrorRate, double? P50Ms) Recent()
        {
            lock (gate)
            {
                if (recent.Count == 0) return (0, 0, null);
                var sorted = recent.Select(r => r.Ms).Order().ToList();
                return (recent.Count, recent.Count(r => !r.Ok) / (double)recent.Count, sorted[sorted.Count / 2]);
            }
        }
    }

    public IReadOnlyCollection<Live> All => live.Values;

    public Live? Get(string name) => live.GetValueOrDefault(name);

    public long Now => clock.GetUtcNow().ToUnixTimeMilliseconds();

    /// Every configured provider that serves the model, with its cost and abilities.
    public IReadOnlyList<Candidate> CandidatesFor(string model)
    {
        var spec = ModelCatalog.Find(model);
        var list = new List<Candidate>();
        foreach (var l in live.Values)
        {
            if (l.Entry.UpstreamId(model) is not { } upstream) continue;
            var cost = l.Entry.Settings.CostPerSecond ?? (spec is null ? 0 : (double)pricing.For(spec.Id).PerSecond);
            list.Add(new Candidate(l.Entry.Provider.Name, upstream, cost, l.Order, l.Entry.Types, l.Entry.MaxN,
                l.Entry.Settings.Audio ?? spec?.Capabilities.Audio ?? false, l.Entry.OnlyFps));
        }
        return list;
    }
}

/// One provider job slot taken from `slots`; disposing it gives the slot back, once.
internal sealed class SlotLease(SemaphoreSlim slots) : IDisposable
{
    int released;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref released, 1) == 0) slots.Release();
    }
}
