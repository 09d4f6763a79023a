using System.Net;
using System.Net.Sockets;

namespace Reelgate.Server.Files;

/// SocketsHttpHandler.ConnectCallback that resolves the host itself and connects only to the
/// addresses it has checked, so DNS rebinding and redirects cannot reach a forbidden address.
internal sealed class GuardedConnector(Func<IPAddress, bool> isForbidden)
{
    public async ValueTask<Stream> ConnectAsync(
        SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);

        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        // Refuse when any address is forbidden: a host mixing public and private records is not trustworthy.
        if (addresses.Any(isForbidden))
        {
            throw new ForbiddenAddressException(host);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// Raised inside the HTTP handler when a host resolves to a forbidden address; surfaces as an inner exception.
internal sealed class ForbiddenAddressException(string host)
    : Exception($"Host '{host}' resolves to a private or reserved address.");
