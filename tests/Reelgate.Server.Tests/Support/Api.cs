using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Reelgate.Server.Tests.Support;

/// Small helpers over the real HTTP API.
public static class Api
{
    public static async Task<HttpClient> NewAccountAsync(this ServerProcess server, string name = "test")
    {
        var res = await server.Admin.PostAsJsonAsync("/v1/keys", new { name });
        var body = await res.Json();
        Assert.True(res.IsSuccessStatusCode, body.ToJsonString());
        return server.ClientFor(body["secret"]!.GetValue<string>());
    }

    public static async Task<JsonNode> Json(this HttpResponseMessage res)
    {
        var text = await res.Content.ReadAsStringAsync();
        return JsonNode.Parse(text.Length == 0 ? "{}" : text)!;
    }

    public static Task<HttpResponseMessage> PostJson(this HttpClient c, string url, string json) =>
        c.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

    public static async Task<JsonNode> CreateVideoAsync(this HttpClient c, object request)
    {
        var res = await c.PostAsJsonAsync("/v1/videos", request);
        var body = await res.Json();
        Assert.True(res.IsSuccessStatusCode, body.ToJsonString());
        return body;
    }

    /// Polls until the task leaves queued/in_progress; returns its last state.
    public static async Task<JsonNode> WaitAsync(this HttpClient c, string id, int seconds = 120, Func<JsonNode, bool>? until = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        JsonNode task;
        do
        {
            task = await (await c.GetAsync($"/v1/videos/{id}")).Json();
            var status = task["status"]?.GetValue<string>();
            if (until?.Invoke(task) ?? status is "completed" or "failed" or "cancelled") return task;
            await Task.Delay(200);
        } while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"task {id} still {task.ToJsonString()}");
    }

    public static string Str(this JsonNode n, string key) => n[key]!.GetValue<string>();

    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
