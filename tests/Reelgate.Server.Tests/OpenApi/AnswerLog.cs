using System.Text.Json.Nodes;
using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.OpenApi;

/// Real answers, each with the operation that gave it, for validate-answers.mjs to check against
/// the document's schema of that operation and status.
internal sealed class AnswerLog
{
    readonly JsonArray answers = [];

    public int Count => answers.Count;

    /// Records the answer and returns its body; `expected` guards against recording a mistake.
    public async Task<JsonNode> RecordAsync(string operation, HttpResponseMessage res, int expected)
    {
        var body = await res.Json();
        Assert.True((int)res.StatusCode == expected, $"{operation}: expected {expected}, got {(int)res.StatusCode} {body.ToJsonString()}");
        answers.Add(new JsonObject
        {
            ["operation"] = operation, ["status"] = expected,
            ["content_type"] = res.Content.Headers.ContentType?.MediaType, ["body"] = body.DeepClone(),
        });
        return body;
    }

    public async Task<string> SaveAsync(string folder)
    {
        var path = Path.Combine(folder, "answers.json");
        await File.WriteAllTextAsync(path, answers.ToJsonString());
        return path;
    }
}
