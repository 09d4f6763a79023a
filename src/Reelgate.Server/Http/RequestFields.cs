using System.Globalization;
using System.Text.Json;

namespace Reelgate.Server.Http;

/// The fields of a JSON object or a multipart/urlencoded form behind one reader, so one parser
/// serves both (the OpenAI SDK always sends create as multipart). Accessors never throw on bad
/// input: they keep the first error in Error and return null.
internal sealed class RequestFields
{
    readonly Dictionary<string, JsonElement> json;
    readonly IFormCollection? form;

    RequestFields(Dictionary<string, JsonElement> json, IFormCollection? form) => (this.json, this.form) = (json, form);

    public ApiError? Error { get; private set; }

    public IEnumerable<string> Names => form is null ? json.Keys : form.Keys.Concat(form.Files.Select(f => f.Name)).Distinct();

    public static async Task<(RequestFields? Fields, ApiError? Error)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.HasFormContentType)
        {
            try { return (new RequestFields([], await request.ReadFormAsync(ct)), null); }
            catch (InvalidDataException e) { return (null, new ApiError(400, "invalid_form", $"The form body could not be read: {e.Message}")); }
        }
        var type = request.ContentType ?? "";
        if (type.Length > 0 && !type.Contains("json", StringComparison.OrdinalIgnoreCase))
            return (null, new ApiError(415, "unsupported_media_type", "Send application/json or multipart/form-data.", "Content-Type"));
        try
        {
            using var doc = await JsonDocument.ParseAsync(request.Body, default, ct);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                return (null, new ApiError(400, "invalid_json", "The request body must be a JSON object."));
            var dict = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var p in doc.RootElement.EnumerateObject()) dict[p.Name] = p.Value.Clone();
            return (new RequestFields(dict, null), null);
        }
        catch (JsonException e)
        {
            return (null, new ApiError(400, "invalid_json", $"The request body is not valid JSON: {e.Message}"));
        }
    }

    public static RequestFields FromJson(JsonElement obj) =>
        new(obj.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone()), null);

    public bool Has(string name) => form is not null
        ? form.ContainsKey(name) || form.Files.Any(f => f.Name == name)
        : json.TryGetValue(name, out var v) && v.ValueKind != JsonValueKind.Null;

    public JsonElement? Raw(string name) =>
        form is null && json.TryGetValue(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    public IReadOnlyList<IFormFile> Files(params string[] names) =>
        form is null ? [] : form.Files.Where(f => names.Contains(f.Name)).ToList();

    public string? String(string name)
    {
        if (form is not null) return form.TryGetValue(name, out var s) ? s.ToString() : null;
        if (Raw(name) is not { } v) return null;
        if (v.ValueKind == JsonValueKind.String) return Text(name, v);
        return Fail(name, $"'{name}' must be a string.");
    }

    /// Integers; a numeric string is accepted where the wire has it so (OpenAI's `seconds`).
    public long? Long(string name, bool allowString = false)
    {
        string? text;
        if (form is not null) text = String(name);
        else if (Raw(name) is not { } v) return null;
        else if (v.ValueKind == JsonValueKind.Number) return v.TryGetInt64(out var n) ? n : FailLong(name, $"'{name}' must be a whole number.");
        else if (v.ValueKind == JsonValueKind.String && allowString) text = Text(name, v);
        else return FailLong(name, $"'{name}' must be a number.");
        if (text is null) return null;
        return long.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)
            ? parsed : FailLong(name, $"'{name}' must be a whole number, not '{Clip(text)}'.");
    }

    public bool? Bool(string name)
    {
        if (form is not null)
        {
            var s = String(name);
            if (s is null) return null;
            if (bool.TryParse(s.Trim(), out var b)) return b;
            Fail(name, $"'{name}' must be true or false.");
            return null;
        }
        if (Raw(name) is not { } v) return null;
        if (v.ValueKind is JsonValueKind.True or JsonValueKind.False) return v.GetBoolean();
        Fail(name, $"'{name}' must be true or false.");
        return null;
    }

    /// A string array; a single string counts as a list of one.
    public IReadOnlyList<string>? StringList(string name)
    {
        if (form is not null) return form.TryGetValue(name, out var s) ? s.Where(x => x is not null).Select(x => x!).ToList() : null;
        if (Raw(name) is not { } v) return null;
        if (v.ValueKind == JsonValueKind.String) return Text(name, v) is { } one ? [one] : null;
        if (v.ValueKind != JsonValueKind.Array || v.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            Fail(name, $"'{name}' must be an array of strings.");
            return null;
        }
        var list = v.EnumerateArray().Select(e => Text(name, e)).ToList();
        return list.Contains(null) ? null : list.OfType<string>().ToList();
    }

    public Dictionary<string, string>? StringMap(string name)
    {
        if (form is not null)
        {
            var s = String(name);
            if (s is null) return null;
            try { using var doc = JsonDocument.Parse(s); return StringMap(name, doc.RootElement); }
            catch (JsonException) { Fail(name, $"'{name}' must be a JSON object of strings."); return null; }
        }
        return Raw(name) is { } v ? StringMap(name, v) : null;
    }

    Dictionary<string, string>? StringMap(string name, JsonElement v)
    {
        if (v.ValueKind != JsonValueKind.Object || v.EnumerateObject().Any(p => p.Value.ValueKind != JsonValueKind.String))
        {
            Fail(name, $"'{name}' must be an object whose values are strings.");
            return null;
        }
        var map = v.EnumerateObject().ToDictionary(p => p.Name, p => Text(name, p.Value));
        return map.ContainsValue(null) ? null : map.ToDictionary(kv => kv.Key, kv => kv.Value!);
    }

    public void Reject(ApiError error) => Error ??= error;

    /// JSON may carry lone surrogates (\ud800), which are not text: a 400, not an exception.
    internal string? Text(string name, JsonElement e)
    {
        try { return e.GetString(); }
        catch (InvalidOperationException) { return Fail(name, $"'{name}' is not valid Unicode text."); }
    }

    string? Fail(string name, string message)
    {
        Error ??= new ApiError(400, "invalid_type", message, name);
        return null;
    }

    long? FailLong(string name, string message) { Fail(name, message); return null; }

    static string Clip(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
