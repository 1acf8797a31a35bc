using System.Net;
using System.Net.Http;
using System.Net.Sockets;

namespace Pipeline.Application.Fetching.Http;

/// <summary>
/// The fetcher's only way onto the network: the SocketsHttpHandler ConnectCallback. It resolves the
/// host itself, refuses if ANY address is non-public, and connects to exactly those checked
/// addresses, so neither a redirect hop nor DNS rebinding can slip past (there is no second lookup).
/// Origins (host and port) in <paramref name="trustedOrigins"/> (named by sources with
/// AllowPrivateNetwork) may be private; another port on the same private host may not, so a trusted
/// source cannot redirect the fetcher to a different local service. The check depends on host and
/// port only, which (with the scheme) is also what pooled connections are keyed by.
/// </summary>
internal sealed class NetworkGuard(IReadOnlySet<(string Host, int Port)> trustedOrigins)
{
    public static string NormaliseHost(string host) => host.Trim('[', ']').ToLowerInvariant();

    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        var host = NormaliseHost(endpoint.Host);
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        if (addresses.Length == 0)
            throw new SocketException((int)SocketError.HostNotFound);

        if (!trustedOrigins.Contains((host, endpoint.Port)))
        {
            foreach (var address in addresses)
            {
                if (AddressRanges.NonPublicKind(address) is { } kind)
                    throw new NetworkRefusedException(host, address, kind);
            }
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endpoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>A connection refused by <see cref="NetworkGuard"/> before any packet was sent.</summary>
public sealed class NetworkRefusedException(string host, IPAddress address, string kind)
    : Exception(host == address.ToString()
        ? $"refused to connect to {address}: a {kind} address, and the source does not allow private networks for this host and port"
        : $"refused to connect to {host}: it resolves to {address}, a {kind} address, and the source does not allow private networks for this host and port");
