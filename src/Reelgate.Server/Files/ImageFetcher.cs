using System.Buffers;
using System.Net;
using System.Net.Sockets;

namespace Reelgate.Server.Files;

/// Downloads a client-supplied image URL within size, time, redirect and network limits.
/// The HttpClient must come from CreateHttpClient or wrap CreateHandler: the address check lives in the handler.
internal sealed class ImageFetcher(HttpClient http, ImageFetchOptions options, TimeProvider timeProvider)
{
    public const int MaxRedirects = 3;

    public static HttpClient CreateHttpClient(ImageFetchOptions options) =>
        new(CreateHandler(options)) { Timeout = Timeout.InfiniteTimeSpan };

    public static SocketsHttpHandler CreateHandler(ImageFetchOptions options) =>
        CreateHandler(options, options.AllowPrivateNetworks ? static _ => false : IpAddressPolicy.IsForbidden);

    internal static SocketsHttpHandler CreateHandler(ImageFetchOptions options, Func<IPAddress, bool> isForbidden) =>
        new()
        {
            ConnectCallback = new GuardedConnector(isForbidden).ConnectAsync,
            ConnectTimeout = options.Timeout,
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = MaxRedirects,
            // Through a proxy, ConnectCallback would vet the proxy's address instead of the image host's.
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        };

    public async Task<ImageFetchResult> FetchAsync(string url, CancellationToken cancellationToken = default)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || !(uri.Scheme == Uri.UriSchemeHttps || (options.AllowHttp && uri.Scheme == Uri.UriSchemeHttp)))
        {
            return ImageFetchResult.Fail(ImageErrors.UrlInvalid, "Image URL must be an absolute https URL.");
        }

        using var timeout = new CancellationTokenSource(options.Timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await DownloadAsync(uri, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Also reached through HttpClient.Timeout when the client was configured with a shorter one.
            return ImageFetchResult.Fail(
                ImageErrors.FetchTimeout, $"Image download took longer than {options.Timeout.TotalSeconds:0.###} s.");
        }
        catch (HttpRequestException ex) when (ex.InnerException is ForbiddenAddressException forbidden)
        {
            return ImageFetchResult.Fail(ImageErrors.UrlForbidden, forbidden.Message);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or SocketException)
        {
            return ImageFetchResult.Fail(ImageErrors.FetchFailed, $"Image download failed: {ex.Message}");
        }
    }

    private async Task<ImageFetchResult> DownloadAsync(Uri uri, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri)
        {
            // HTTP/3 runs over QUIC, which never goes through ConnectCallback and so would skip the address check.
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        request.Headers.Accept.ParseAdd("image/jpeg, image/png, image/webp");

        using var response = await http
            .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
            .ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var status = (int)response.StatusCode;
            var detail = status is >= 300 and < 400 ? " (too many or disallowed redirects)" : "";
            return ImageFetchResult.Fail(ImageErrors.FetchFailed, $"Image URL answered HTTP {status}{detail}.");
        }

        if (response.Content.Headers.ContentLength > options.MaxBytes)
        {
            return TooLarge();
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var bytes = await ReadLimitedAsync(stream, cancellationToken).ConfigureAwait(false);
            if (bytes is null)
            {
                return TooLarge();
            }

            var contentType = ImageSniffer.DetectContentType(bytes);
            return contentType is null
                ? ImageFetchResult.Fail(ImageErrors.InvalidImage, "Image URL did not return a JPEG, PNG or WebP image.")
                : ImageFetchResult.Ok(bytes, contentType);
        }
    }

    /// Returns null as soon as the body exceeds the limit; disposing the response then aborts the transfer.
    private async Task<byte[]?> ReadLimitedAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > options.MaxBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    private ImageFetchResult TooLarge() =>
        ImageFetchResult.Fail(ImageErrors.TooLarge, $"Image is larger than the {options.MaxBytes}-byte limit.");
}
