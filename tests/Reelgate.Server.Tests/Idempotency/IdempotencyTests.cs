using System.Net;
using System.Net.Http.Json;
using System.Text;
using Reelgate.Server.Tests.Support;

namespace Reelgate.Server.Tests.Idempotency;

public sealed class IdempotencyTests : IAsyncLifetime
{
    readonly ServerProcess server = new(Billing.Accounts.Tiers(new() { ["Roles"] = "api" }));

    public Task InitializeAsync() => server.StartAsync();
    public async Task DisposeAsync() => await server.DisposeAsync();

    const string Body = """{"model":"veo3.1-fast","prompt":"a paper boat on a stream","duration":4,"generate_audio":false,"resolution":"720p"}""";

    static HttpRequestMessage Create(string key, string body = Body)
    {
        var req = new HttpRequestMessage(HttpMethod.Post, "/v1/videos") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        req.Headers.Add("Idempotency-Key", key);
        return req;
    }

    [Fact]
    public async Task SameKeyAndBody_ReplaysTheFirstAnswer_DifferentBodyIs422()
    {
        var (id, client) = await Billing.Accounts.CreateAsync(server, "metered", credits: 1000);
        var first = await client.SendAsync(Create("order-1"));
        var firstBody = await first.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));

        var again = await client.SendAsync(Create("order-1"));
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(firstBody, await again.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, again.Headers.Location);

        var reused = await client.SendAsync(Create("order-1", Body.Replace("paper boat", "paper plane")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Equal("idempotency_key_reused", (await reused.Json()).Str("code"));

        // Keys belong to an account: another account's "order-1" is a new request.
        var (_, other) = await Billing.Accounts.CreateAsync(server, "metered", credits: 1000);
        var otherFirst = await other.SendAsync(Create("order-1"));
        Assert.False(otherFirst.Headers.Contains("Idempotent-Replayed"));
        Assert.NotEqual(firstBody, await otherFirst.Content.ReadAsStringAsync());

        Assert.Single((await (await client.GetAsync("/v1/videos")).Json())["data"]!.AsArray());
        Assert.Single(await Billing.Accounts.LedgerAsync(server, id), e => e.Str("kind") == "hold");
    }

    [Fact]
    public async Task FiftyConcurrentCreatesWithOneKey_MakeOneTaskAndOneCharge_AndFiftyIdenticalAnswers()
    {
        var (id, client) = await Billing.Accounts.CreateAsync(server, "metered", credits: 1000);
        using var go = new ManualResetEventSlim();
        var sends = Enumerable.Range(0, 50).Select(_ => Task.Run(async () =>
        {
            go.Wait();
            var res = await client.SendAsync(Create("burst-1"));
            return (res.StatusCode, Body: await res.Content.ReadAsStringAsync());
        })).ToList();
        go.Set();
        var answers = await Task.WhenAll(sends);
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
        Assert.Single(answers.Select(a => a.Body).Distinct());
        Assert.Single((await (await client.GetAsync("/v1/videos")).Json())["data"]!.AsArray());
        Assert.Equal(1000m - 23.04m, await Billing.Accounts.BalanceAsync(server, id));
        Assert.Single(await Billing.Accounts.LedgerAsync(server, id), e => e.Str("kind") == "hold");
    }

    [Fact]
    public async Task MultipartRetries_WithANewBoundary_AreTheSameRequest()
    {
        var client = await server.NewAccountAsync();
        async Task<HttpResponseMessage> Upload()
        {
            var form = new MultipartFormDataContent(); // a fresh random boundary each time
            form.Add(new ByteArrayContent(Files.TestImages.Png), "file", "a.png");
            var req = new HttpRequestMessage(HttpMethod.Post, "/v1/files") { Content = form };
            req.Headers.Add("Idempotency-Key", "upload-1");
            return await client.SendAsync(req);
        }
        var first = await Upload();
        var second = await Upload();
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal((await first.Json()).Str("id"), (await second.Json()).Str("id"));
    }

    [Fact]
    public async Task BadKeys_AndErrorsARetryCannotFix_SaySo()
    {
        var client = await server.NewAccountAsync();
        var tooLong = await client.SendAsync(Create(new string('k', 256)));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        var body = await tooLong.Json();
        Assert.Equal("invalid_idempotency_key", body.Str("code"));
        Assert.Equal("Idempotency-Key", body.Str("param"));
        Assert.Equal("false", tooLong.Headers.GetValues("x-should-retry").Single());

        // A 4xx answer is stored like any other: the same retry gets the same 400.
        var bad = await client.SendAsync(Create("bad-1", """{"prompt":""}"""));
        var badAgain = await client.SendAsync(Create("bad-1", """{"prompt":""}"""));
        Assert.Equal(HttpStatusCode.BadRequest, badAgain.StatusCode);
        Assert.Equal("true", badAgain.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal((await bad.Json()).Str("code"), (await badAgain.Json()).Str("code"));

        // Without the header nothing is stored: two creates are two tasks.
        await client.PostAsJsonAsync("/v1/videos", new { prompt = "one", duration = 4 });
        await client.PostAsJsonAsync("/v1/videos", new { prompt = "one", duration = 4 });
        Assert.Equal(2, (await (await client.GetAsync("/v1/videos")).Json())["data"]!.AsArray().Count);
    }
}
