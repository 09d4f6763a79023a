// Paced open-loop load for bench/ratelimit.sh: GET one URL with one key at a fixed rate for a fixed
// time, request i sent at start + i/rate whether or not earlier answers came back (a slow answer
// does not slow the load down, unlike wrk's closed loop). Counts answers by class and checks that
// each carries its rate-limit headers.
//
// Usage: Reelgate.Bench ratelimit --url URL --key KEY --rate REQUESTS_PER_SECOND --seconds S
// Prints one "RESULT ..." line: sent, ok (2xx), limited (429), other, errors, span_s (first to last
// send), missing_headers (a 2xx without X-RateLimit-Remaining or a 429 without Retry-After and
// retry-after-ms).

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

internal static class PacedLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        string? url = null, key = null;
        double rate = 0, seconds = 0;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--url": url = args[++i]; break;
                case "--key": key = args[++i]; break;
                case "--rate": rate = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--seconds": seconds = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default: Console.Error.WriteLine($"unknown argument '{args[i]}'"); return 2;
            }
        }
        if (url is null || key is null || rate <= 0 || seconds <= 0)
        {
            Console.Error.WriteLine("usage: Reelgate.Bench ratelimit --url URL --key KEY --rate PER_SECOND --seconds S");
            return 2;
        }
        if (!new Uri(url).IsLoopback) { Console.Error.WriteLine("only a loopback URL is allowed"); return 2; }

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var counts = new Counts();
        var total = (int)Math.Round(rate * seconds);
        var inFlight = new List<Task>(total);
        var clock = Stopwatch.StartNew();
        double first = 0, last = 0;
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
            last = clock.Elapsed.TotalSeconds;
            if (i == 0) first = last;
            inFlight.Add(SendAsync(client, url, counts));
        }
        await Task.WhenAll(inFlight);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT sent={total} ok={counts.Ok} limited={counts.Limited} other={counts.Other} errors={counts.Errors} span_s={last - first:F3} missing_headers={counts.MissingHeaders}"));
        return 0;
    }

    static async Task SendAsync(HttpClient client, string url, Counts counts)
    {
        try
        {
            using var res = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
            var headers = res.Headers;
            if (res.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref counts.Ok);
                if (!headers.Contains("X-RateLimit-Remaining")) Interlocked.Increment(ref counts.MissingHeaders);
            }
            else if (res.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Interlocked.Increment(ref counts.Limited);
                if (headers.RetryAfter is null || !headers.Contains("retry-after-ms")) Interlocked.Increment(ref counts.MissingHeaders);
            }
            else Interlocked.Increment(ref counts.Other);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Interlocked.Increment(ref counts.Errors);
        }
    }

    sealed class Counts
    {
        public int Ok, Limited, Other, Errors, MissingHeaders;
    }
}
