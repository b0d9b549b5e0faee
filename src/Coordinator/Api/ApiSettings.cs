using System.Net;
using System.Net.Sockets;

namespace Daft.Coordinator.Api;

/// <summary>Where the API listens and who may call it. Port 0 lets the system pick a free port (tests; the server reports the one it got).</summary>
public sealed record ApiSettings(IPAddress Address, int Port, ApiAccess Access)
{
    /// <summary>
    /// The settings for <paramref name="host"/> (an IP address, "localhost", or a name of this machine) and
    /// <paramref name="port"/>, with the token rule of <see cref="ApiAccess.For"/>.
    /// </summary>
    /// <exception cref="ApiConfigurationException">The host is not an address of this machine, the port is out of range, or a token is missing.</exception>
    public static ApiSettings Resolve(string host, int port, string? token)
    {
        if (port is < 0 or > 65535)
        {
            throw new ApiConfigurationException($"--api-port {port} is not a TCP port (0-65535)");
        }

        var address = AddressOf(host);
        return new ApiSettings(address, port, ApiAccess.For(address, token));
    }

    private static IPAddress AddressOf(string host)
    {
        if (IPAddress.TryParse(host, out var address))
        {
            return address;
        }

        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        try
        {
            return Dns.GetHostAddresses(host).OrderBy(candidate => candidate.AddressFamily == AddressFamily.InterNetwork ? 0 : 1).First();
        }
        catch (Exception error) when (error is SocketException or InvalidOperationException or ArgumentException)
        {
            throw new ApiConfigurationException($"--api-host {host}: not an address of this machine ({error.Message})");
        }
    }
}
