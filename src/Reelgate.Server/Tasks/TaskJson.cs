using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Reelgate.Server.Data;
using Reelgate.Server.Http;

namespace Reelgate.Server.Tasks;

/// Writes the task as native clients see it, a pure function of its TaskView: a superset of
/// OpenAI's Video object with the Veo parameters. The request-derived half never changes for a
/// task id, so it is serialized once and kept; each answer writes only the live columns (status,
/// progress, …) around it. Status polls are the hottest path of the API, which is why this is
/// hand-written rather than a serialized record (Tasks/VideoObject documents the same shape).
internal sealed class TaskJson(TaskViews views, Links.SignedLinks links)
{
    const int MaxCached = 10_000; // ~2 KB each for typical prompts
    readonly ConcurrentDictionary<string, Entry> cache = new();

    /// `remember: false` for answers that are not polled (a create): nothing is kept for them.
    public IResult Result(VideoTask t, HttpRequest request, int status = 200, bool? deleted = null, bool remember = true)
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var w = new Utf8JsonWriter(buffer)) Write(w, t, Origin(request), deleted, remember);
        return new JsonBytes(buffer.WrittenMemory, status);
    }

    /// The answer's bytes, for storing (an idempotent create) before they are sent.
    public byte[] Bytes(VideoTask t, HttpRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var w = new Utf8JsonWriter(buffer)) Write(w, t, Origin(request), null, remember: false);
        return buffer.WrittenSpan.ToArray();
    }

    public const string ContentType = "application/json; charset=utf-8";

    public static IResult Answer(byte[] body, int status) => new JsonBytes(body, status);

    /// Scheme, host and path base of a request: the start of every URL an answer carries.
    public static string Origin(HttpRequest r) => $"{r.Scheme}://{r.Host}{r.PathBase}";

    public void Write(Utf8JsonWriter w, VideoTask t, string origin, bool? deleted = null, bool remember = true) =>
        Write(w, views.Of(t, remember), origin, deleted, remember);

    public void Write(Utf8JsonWriter w, TaskView view, string origin, bool? deleted = null, bool remember = true)
    {
        var t = view.Row;
        var entry = remember ? EntryFor(view) : new Entry(StaticFields(view.Request));
        w.WriteStartObject();
        w.WriteString(Names.Id, t.Id);
        w.WriteString(Names.Object, "video");
        w.WriteString(Names.Status, t.Status);
        w.WriteNumber(Names.Progress, t.Progress);
        w.WriteNumber(Names.CreatedAt, t.CreatedAt / 1000);
        Seconds(w, Names.CompletedAt, t.CompletedAt);
        Seconds(w, Names.ExpiresAt, t.ExpiresAt);
        Seconds(w, Names.StartedAt, t.StartedAt);
        if (t.ErrorCode is null) w.WriteNull(Names.Error);
        else
        {
            w.WriteStartObject(Names.Error);
            w.WriteString(Names.Code, t.ErrorCode);
            w.WriteString(Names.Message, t.ErrorMessage);
            if (t.ErrorDetails is { } details) Raw(w, Names.Details, details);
            w.WriteEndObject();
        }
        if (t.Downgrade is { } downgrade) Raw(w, Names.Downgrade, downgrade); else w.WriteNull(Names.Downgrade);
        if (view.Request.RemixedFrom is { } remixed) w.WriteString(Names.Remixed, remixed.VideoId); else w.WriteNull(Names.Remixed);
        w.WriteString(Names.Provider, t.Provider);
        w.WriteBoolean(Names.Preview, view.Preview);
        if (t.EtaSeconds is { } eta) w.WriteNumber(Names.Eta, eta); else w.WriteNull(Names.Eta);
        w.WriteNumber(Names.Attempts, t.Attempts);
        w.WritePropertyName(Names.ProviderAttempts);
        JsonSerializer.Serialize(w, view.Attempts, Json.Wire);
        w.WriteNumber(Names.Credits, Billing.Credits.ToDecimal(t.Credits));
        w.WriteString(Names.Billing, t.Billing);
        w.WriteBoolean(Names.Sandbox, t.Sandbox);
        w.WriteString(Names.Dialect, t.Dialect);
        for (var i = 0; i < StaticNames.Length; i++)
        {
            w.WritePropertyName(StaticNames[i]);
            w.WriteRawValue(entry.Fields[i], skipInputValidation: true);
        }
        if (Streaming.HlsLinks.MasterUrl(view, 0, origin, links) is { } hls) w.WriteString(Names.HlsUrl, hls); else w.WriteNull(Names.HlsUrl);
        w.WritePropertyName(Names.Outputs);
        w.WriteRawValue(entry.OutputsFor(view, origin, links), skipInputValidation: true);
        if (deleted is { } d) w.WriteBoolean(Names.Deleted, d);
        w.WriteEndObject();
    }

    public void Forget(string id)
    {
        cache.TryRemove(id, out _);
        views.Forget(id);
    }

    Entry EntryFor(TaskView v)
    {
        if (cache.TryGetValue(v.Row.Id, out var e)) return e;
        if (cache.Count >= MaxCached) cache.Clear();
        return cache[v.Row.Id] = new Entry(StaticFields(v.Request));
    }

    static readonly JsonEncodedText[] StaticNames =
    [
        .. new[]
        {
            "model", "prompt", "seconds", "size", "duration", "aspect_ratio", "resolution", "fps", "generation_type", "images",
            "n", "seed", "negative_prompt", "generate_audio", "person_generation", "resize_mode", "enhance_prompt",
            "callback_url", "metadata", "notice", "upscaled_from", "renditions", "fps_mode", "hls", "extended_from_video_id",
        }.Select(n => JsonEncodedText.Encode(n)),
    ];

    /// The request-derived values, in StaticNames order, each already JSON.
    static byte[][] StaticFields(GenerationRequest r)
    {
        object?[] values =
        [
            r.Model, r.Prompt, r.Duration.ToString(CultureInfo.InvariantCulture), $"{r.Width}x{r.Height}", r.Duration,
            r.AspectRatio, r.Resolution, r.Fps, r.GenerationType, r.ImageFileIds, r.N, r.Seed, r.NegativePrompt,
            r.GenerateAudio, r.PersonGeneration, r.ResizeMode, r.EnhancePrompt, r.CallbackUrl, r.Metadata, r.Notice, r.UpscaledFrom,
            r.Renditions ?? [], r.FpsMode ?? "duplicate", r.Hls ?? false, r.ExtendedFrom?.VideoId,
        ];
        return values.Select(v => JsonSerializer.SerializeToUtf8Bytes(v, Json.Wire)).ToArray();
    }

    /// JSON the worker wrote (Tasks/Checks), stored as text.
    static void Raw(Utf8JsonWriter w, JsonEncodedText name, string json)
    {
        w.WritePropertyName(name);
        w.WriteRawValue(json, skipInputValidation: true);
    }

    static void Seconds(Utf8JsonWriter w, JsonEncodedText name, long? ms)
    {
        if (ms is { } v) w.WriteNumber(name, v / 1000); else w.WriteNull(name);
    }

    sealed class Entry(byte[][] fields)
    {
        static readonly byte[] Empty = "[]"u8.ToArray();
        Rendered? outputs; // one reference, swapped whole: readers never see half an update

        public byte[][] Fields => fields;

        /// Outputs never change once written (they are only removed at expiry; the view keeps one
        /// parsed list per stored text), and links change every few minutes, so the rendered array
        /// is kept per list, origin and link expiry.
        public byte[] OutputsFor(TaskView view, string origin, Links.SignedLinks links)
        {
            var list = view.Outputs;
            if (list.Count == 0) return Empty;
            var expires = links.ExpiresAt(view.Row);
            if (outputs is { } o && o.Origin == origin && o.Expires == expires && ReferenceEquals(o.Source, list)
                && ReferenceEquals(o.Renditions, view.Renditions)) return o.Bytes;
            var bytes = TaskOutputsJson.Render(list, $"{origin}/v1/videos/{view.Row.Id}/content", links.Of(view, origin),
                Renditions.RenditionJson.Of(view, origin, links, expires));
            outputs = new Rendered(list, origin, expires, bytes) { Renditions = view.Renditions };
            return bytes;
        }
    }

    sealed record Rendered(IReadOnlyList<TaskOutput> Source, string Origin, long Expires, byte[] Bytes)
    {
        public IReadOnlyList<Renditions.RenditionEntry>? Renditions { get; init; }
    }

    static class Names
    {
        public static readonly JsonEncodedText Id = JsonEncodedText.Encode("id"), Object = JsonEncodedText.Encode("object"),
            Status = JsonEncodedText.Encode("status"), Progress = JsonEncodedText.Encode("progress"),
            CreatedAt = JsonEncodedText.Encode("created_at"), CompletedAt = JsonEncodedText.Encode("completed_at"),
            ExpiresAt = JsonEncodedText.Encode("expires_at"), StartedAt = JsonEncodedText.Encode("started_at"), HlsUrl = JsonEncodedText.Encode("hls_url"),
            Error = JsonEncodedText.Encode("error"), Code = JsonEncodedText.Encode("code"), Message = JsonEncodedText.Encode("message"),
            Remixed = JsonEncodedText.Encode("remixed_from_video_id"), Provider = JsonEncodedText.Encode("provider"),
            Preview = JsonEncodedText.Encode("preview"), Eta = JsonEncodedText.Encode("eta_seconds"),
            Attempts = JsonEncodedText.Encode("attempts"), Outputs = JsonEncodedText.Encode("outputs"), Deleted = JsonEncodedText.Encode("deleted"),
            Credits = JsonEncodedText.Encode("credits"), Billing = JsonEncodedText.Encode("billing"), Sandbox = JsonEncodedText.Encode("sandbox"),
            ProviderAttempts = JsonEncodedText.Encode("provider_attempts"), Dialect = JsonEncodedText.Encode("dialect"),
            Details = JsonEncodedText.Encode("details"), Downgrade = JsonEncodedText.Encode("downgrade");
    }

    sealed class JsonBytes(ReadOnlyMemory<byte> body, int status) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => status;

        public Task ExecuteAsync(HttpContext ctx)
        {
            ctx.Response.StatusCode = status;
            ctx.Response.ContentType = ContentType;
            ctx.Response.ContentLength = body.Length;
            return ctx.Response.Body.WriteAsync(body).AsTask();
        }
    }
}
