using System.Net;
using System.Net.Sockets;

namespace Reelgate.Server.Tests.Support;

public static class Ports
{
    /// A loopback port nobody listened on a moment ago (the OS picks it, then it is released).
    public static int Free()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
