using System.Collections.Concurrent;
using System.Text.Json;
using Reelgate.Server.Data;
using Reelgate.Server.Http;

namespace Reelgate.Server.Tasks;

/// A task as every surface shows it: the row's live columns, the request it was created with, its
/// stored outputs and the providers tried. The native JSON (TaskJson) and each dialect's answer
/// are pure functions of this record.
internal sealed record TaskView(VideoTask Row, GenerationRequest Request, IReadOnlyList<TaskOutput> Outputs, IReadOnlyList<ProviderAttempt> Attempts)
{
    /// Served by the local preview engine (not a neural model): clients are told so.
    public bool Preview => Row.Provider == "local";

    /// Every rendition of every output (tasks.renditions_json), parsed once per stored text.
    public IReadOnlyList<Renditions.RenditionEntry> Renditions { get; init; } = [];
}

/// One provider tried for a task, as stored in `tasks.provider_attempts` (Json.Wire).
internal sealed record ProviderAttempt(string Provider, string Outcome, string? Code, string? Message, long At);

/// Builds views. The request never changes for a task id and outputs never change once written,
/// so both are parsed once and kept (status polls are the API's hottest path).
internal sealed class TaskViews
{
    const int MaxCached = 10_000;
    readonly ConcurrentDictionary<string, Parsed> cache = new();

    public TaskView Of(VideoTask row, bool remember = true)
    {
        var parsed = remember ? cache.GetOrAdd(row.Id, _ => Evicting(row)) : new Parsed(ParseRequest(row.RequestJson));
        return new TaskView(row, parsed.Request, parsed.OutputsOf(row.OutputsJson), Attempts(row.ProviderAttempts))
        {
            Renditions = parsed.RenditionsOf(row.RenditionsJson),
        };
    }

    public void Forget(string id) => cache.TryRemove(id, out _);

    Parsed Evicting(VideoTask row)
    {
        if (cache.Count >= MaxCached) cache.Clear();
        return new Parsed(ParseRequest(row.RequestJson));
    }

    static GenerationRequest ParseRequest(string json) => JsonSerializer.Deserialize<GenerationRequest>(json, Json.Wire)!;

    static IReadOnlyList<ProviderAttempt> Attempts(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<List<ProviderAttempt>>(json, Json.Wire)!;

    sealed class Parsed(GenerationRequest request)
    {
        Outputs? outputs; // one reference, swapped whole: readers never see half an update
        RenditionList? renditions; // the same, for renditions_json (it changes while renditions run)

        public GenerationRequest Request => request;

        public IReadOnlyList<TaskOutput> OutputsOf(string? json)
        {
            if (json is null) return [];
            if (outputs is { } o && o.Source == json) return o.List;
            var list = JsonSerializer.Deserialize<List<TaskOutput>>(json, Json.Wire)!;
            outputs = new Outputs(json, list);
            return list;
        }

        public IReadOnlyList<Renditions.RenditionEntry> RenditionsOf(string? json)
        {
            if (json is null) return [];
            if (renditions is { } r && r.Source == json) return r.List;
            var list = JsonSerializer.Deserialize<List<Renditions.RenditionEntry>>(json, Json.Wire)!;
            renditions = new RenditionList(json, list);
            return list;
        }
    }

    sealed record Outputs(string Source, IReadOnlyList<TaskOutput> List);

    sealed record RenditionList(string Source, IReadOnlyList<Renditions.RenditionEntry> List);
}
