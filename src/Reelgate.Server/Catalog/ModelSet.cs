using System.Globalization;

namespace Reelgate.Server.Catalog;

/// What a client is told about the model it asked for; the task shows it as `notice`.
internal sealed record ModelNotice(string Code, string Message);

/// The model a request names, the one that serves it, and what the answer says about that: the
/// task's notice and the dates of the `Deprecation` and `Sunset` headers (null: no header).
internal sealed record ModelChoice(ModelSpec Requested, ModelSpec Served, ModelNotice? Notice, DateTimeOffset? Deprecation, DateTimeOffset? Sunset);

/// One loaded catalogue. Immutable; lookups are dictionary reads.
internal sealed class ModelSet
{
    readonly Dictionary<string, ModelSpec> byName;
    readonly Dictionary<string, ModelSpec> byId;

    public ModelSet(IReadOnlyList<ModelSpec> models, string defaultModel)
    {
        Models = models;
        DefaultModel = defaultModel;
        byId = models.ToDictionary(m => m.Id, StringComparer.OrdinalIgnoreCase);
        byName = models.SelectMany(m => m.Aliases.Append(m.Id).Select(name => (name, m)))
            .ToDictionary(x => x.name, x => x.m, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<ModelSpec> Models { get; }

    public string DefaultModel { get; }

    /// The model an id or alias names (Google's `models/` prefix allowed), whatever its lifecycle.
    public ModelSpec? Find(string name)
    {
        var trimmed = name.Trim();
        return byName.GetValueOrDefault(trimmed.StartsWith("models/", StringComparison.Ordinal) ? trimmed[7..] : trimmed);
    }

    /// Which model serves a request for `name` at `now`: the model itself, or, once it is shut
    /// down, its replacement (followed further while that one is shut down too; the file's checks
    /// guarantee the chain ends). Pure: the clock is an argument.
    public ModelChoice? Choose(string name, DateTimeOffset now)
    {
        if (Find(name) is not { } requested) return null;
        var life = requested.Lifecycle;
        var served = requested;
        while (served.Lifecycle.IsShutDown(now)) served = byId[served.Lifecycle.Replacement!];
        if (!life.IsDeprecated(now)) return new ModelChoice(requested, served, null, null, null);
        var notice = served != requested
            ? new ModelNotice("model_replaced", $"{requested.Id} was shut down on {Day(life.ShutdownAt!.Value)}; served by {served.Id}")
            : new ModelNotice("model_deprecated", $"{requested.Id} is deprecated"
                + (life.ShutdownAt is { } end ? $" and shuts down on {Day(end)}" : "")
                + (life.Replacement is { } next ? $"; use {next}" : ""));
        return new ModelChoice(requested, served, notice, life.DeprecatedAt ?? life.ShutdownAt, life.ShutdownAt);
    }

    static string Day(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
