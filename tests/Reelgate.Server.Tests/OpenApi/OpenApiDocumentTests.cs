using System.Text.Json.Nodes;
using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.OpenApi;

/// The live /openapi/v1.json is a valid OpenAPI 3.1 document (redocly's spec ruleset, offline)
/// and describes every operation: a typed 2xx answer, problem+json errors, the API-key scheme.
[Collection(SharedServerCollection.Name)]
public sealed class OpenApiDocumentTests(SharedServer shared)
{
    [Fact]
    public async Task Document_PassesRedoclyLint()
    {
        var dir = Directory.CreateTempSubdirectory("reelgate-openapi-").FullName;
        try
        {
            var document = await OpenApiTools.SaveDocumentAsync(shared.Server, dir);
            var (exit, _, output) = await OpenApiTools.NodeAsync("node_modules/@redocly/cli/bin/cli.js", ["lint", "--extends=spec", document]);
            Assert.True(exit == 0, output);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public async Task Document_GivesEveryOperationTypedAnswersProblemsAndSecurity()
    {
        var doc = JsonNode.Parse(await shared.Server.Admin.GetStringAsync("/openapi/v1.json"))!;
        Assert.NotNull(doc["components"]!["securitySchemes"]!["bearer"]);
        var problems = new List<string>();
        var operations = 0;
        foreach (var (path, item) in doc["paths"]!.AsObject())
            foreach (var (method, op) in item!.AsObject())
            {
                operations++;
                var name = $"{method.ToUpperInvariant()} {path} ({op!["operationId"]})";
                var responses = op["responses"]!.AsObject();
                var success = responses.Where(r => r.Key.StartsWith('2')).ToList();
                if (success.Count == 0 || success.Any(r => r.Value!["content"]?.AsObject().Any(c => c.Value!["schema"] is not null) != true))
                    problems.Add($"{name}: a 2xx answer without a schema");
                // A dialect's errors are in its own envelope; it still names how the key is sent.
                var dialect = op["tags"]!.AsArray().Any(t => t!.GetValue<string>().StartsWith("Dialect: ", StringComparison.Ordinal));
                if (dialect && op["security"] is not JsonArray { Count: > 0 }) problems.Add($"{name}: no security requirement");
                if (!path.StartsWith("/v1/", StringComparison.Ordinal) || dialect) continue;
                foreach (var status in new[] { "401", "403", "429", "500" })
                    if (responses[status]?["content"]?["application/problem+json"]?["schema"]?["$ref"]?.GetValue<string>() != "#/components/schemas/ProblemBody")
                        problems.Add($"{name}: no {status} problem+json ProblemBody");
                if (op["security"] is not JsonArray { Count: > 0 }) problems.Add($"{name}: no security requirement");
            }
        Assert.True(operations > 30, $"only {operations} operations in the document");
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }
}
