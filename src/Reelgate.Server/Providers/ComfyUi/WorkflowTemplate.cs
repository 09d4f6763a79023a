using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Reelgate.Server.Providers.Upstream;
using Reelgate.Server.Tasks;
using static Reelgate.Server.Providers.Upstream.UpstreamJson;

namespace Reelgate.Server.Providers.ComfyUi;

/// A template is not usable as written: not API format, or a placeholder we have no value for.
internal sealed class WorkflowTemplateException(string message) : Exception(message);

/// An API-format ComfyUI workflow (`{"<node id>": {"class_type": …, "inputs": {…}}}`, what
/// "Export (API)" writes) with placeholders in it.
///
/// A placeholder is a JSON string that is exactly `{{name}}`: "{{prompt}}", "{{seed}}"… Filling
/// works on the parsed tree and puts the typed value in its place (numbers become JSON numbers),
/// so no prompt text can change the workflow's shape. Text around a placeholder ("a {{prompt}}")
/// is left as it is.
///
/// Names: prompt, negative_prompt ("" when none), seed, width, height, fps, duration, image and
/// last_image (uploaded file names; first and second request image), and three frame counts:
/// frames = duration × fps; frames_4n1 and frames_8n1 are frames rounded down to a multiple of 4
/// or 8, plus one: the lengths Wan and LTX-Video want (5 s at 16 fps → 81; 5 s at 24 fps → 121).
internal static partial class WorkflowTemplate
{
    public const string Image = "image";
    public const string LastImage = "last_image";

    [GeneratedRegex(@"^\{\{([a-z0-9_]+)\}\}$")]
    private static partial Regex PlaceholderPattern();

    public static JsonNode Parse(string json)
    {
        JsonNode? root;
        try { root = JsonNode.Parse(json); }
        catch (JsonException e) { throw new WorkflowTemplateException($"the workflow template is not valid JSON: {e.Message}"); }
        if (root is not JsonObject nodes || nodes.Count == 0)
            throw new WorkflowTemplateException("the workflow template is not an object of nodes");
        if (nodes.ContainsKey("nodes") && nodes.ContainsKey("links"))
            throw new WorkflowTemplateException("the workflow template is in the UI format; export it with \"Export (API)\"");
        foreach (var (id, node) in nodes)
            if (node is not JsonObject n || Str(n["class_type"]) is null || n["inputs"] is not JsonObject)
                throw new WorkflowTemplateException($"workflow node \"{id}\" has no class_type and inputs; is this the API format?");
        return root;
    }

    /// The placeholder names the template uses.
    public static IReadOnlySet<string> Placeholders(JsonNode template)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        Visit(template, (name, _) => names.Add(name));
        return names;
    }

    /// A filled copy; the template is left untouched.
    public static JsonNode Fill(JsonNode template, IReadOnlyDictionary<string, JsonValue> values)
    {
        var copy = template.DeepClone();
        var missing = Placeholders(copy).Where(n => !values.ContainsKey(n)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
            throw new WorkflowTemplateException($"the workflow template uses {string.Join(", ", missing.Select(n => $"{{{{{n}}}}}"))}, which this request has no value for");
        Visit(copy, (name, replace) => replace(values[name].DeepClone()));
        return copy;
    }

    /// Every placeholder name a template may use.
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal)
    {
        "prompt", "negative_prompt", "seed", "width", "height", "fps", "duration", "frames", "frames_4n1", "frames_8n1", Image, LastImage,
    };

    /// The values of one request; image names are the ones ComfyUI gave the uploads.
    public static Dictionary<string, JsonValue> Values(GenerationRequest r, string? image, string? lastImage)
    {
        var frames = r.Duration * r.Fps;
        var values = new Dictionary<string, JsonValue>(StringComparer.Ordinal)
        {
            ["prompt"] = JsonValue.Create(r.Prompt),
            ["negative_prompt"] = JsonValue.Create(r.NegativePrompt ?? ""),
            ["seed"] = JsonValue.Create(r.Seed),
            ["width"] = JsonValue.Create(r.Width),
            ["height"] = JsonValue.Create(r.Height),
            ["fps"] = JsonValue.Create(r.Fps),
            ["duration"] = JsonValue.Create(r.Duration),
            ["frames"] = JsonValue.Create(frames),
            ["frames_4n1"] = JsonValue.Create(StepPlusOne(frames, 4)),
            ["frames_8n1"] = JsonValue.Create(StepPlusOne(frames, 8)),
        };
        if (image is not null) values[Image] = JsonValue.Create(image);
        if (lastImage is not null) values[LastImage] = JsonValue.Create(lastImage);
        return values;
    }

    /// frames rounded down to a multiple of step, plus one: 80 → 81 (4), 120 → 121 (8), 100 → 97 (8).
    public static int StepPlusOne(int frames, int step) => frames / step * step + 1;

    static void Visit(JsonNode? node, Action<string, Action<JsonNode>> onPlaceholder)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    if (Name(obj[key]) is { } name) onPlaceholder(name, v => obj[key] = v);
                    else Visit(obj[key], onPlaceholder);
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var index = i;
                    if (Name(array[i]) is { } name) onPlaceholder(name, v => array[index] = v);
                    else Visit(array[i], onPlaceholder);
                }
                break;
        }
    }

    static string? Name(JsonNode? node) =>
        Str(node) is { } s && PlaceholderPattern().Match(s) is { Success: true } m ? m.Groups[1].Value : null;
}
