using System.Text.Json.Nodes;

namespace Reelgate.Server.Tests.Providers.OpenAiCompatible;

/// Files under TestData/ (copied next to the test assembly): recorded answers and expected requests.
public static class Recorded
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);

    public static byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));

    public static string Text(string name) => File.ReadAllText(PathOf(name));

    public static JsonNode Json(string name) => JsonNode.Parse(Text(name))!;

    /// Compares a multipart request with an expected-request file (method, path, authorization,
    /// text fields exactly, and each file's name and content type).
    public static void AssertMatches(string expectedFile, Received actual)
    {
        var expected = Json(expectedFile);
        Assert.Equal(expected["method"]!.GetValue<string>(), actual.Method);
        Assert.Equal(expected["path"]!.GetValue<string>(), actual.Path);
        Assert.Equal(expected["authorization"]?.GetValue<string>(), actual.Authorization);
        var fields = expected["fields"]!.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<string>());
        Assert.Equal(fields.OrderBy(kv => kv.Key), actual.Fields.OrderBy(kv => kv.Key));
        var files = expected["files"]!.AsObject();
        Assert.Equal(files.Select(kv => kv.Key).Order(), actual.Files.Keys.Order());
        foreach (var (name, file) in files)
        {
            Assert.Equal(file!["filename"]!.GetValue<string>(), actual.Files[name].FileName);
            Assert.Equal(file["content_type"]!.GetValue<string>(), actual.Files[name].ContentType);
        }
    }
}
