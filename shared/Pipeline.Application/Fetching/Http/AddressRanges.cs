using System.Net;
using System.Net.Sockets;

namespace Pipeline.Application.Fetching.Http;

/// <summary>
/// Which addresses are not the public internet: loopback, private (RFC 1918, unique-local), link-local
/// (cloud metadata lives at 169.254.169.254), shared/CGNAT, multicast, documentation and reserved
/// ranges. IPv6 forms that embed an IPv4 address (mapped, NAT64, 6to4) are judged by that address.
/// </summary>
public static class AddressRanges
{
    /// <returns>What kind of non-public address it is ("loopback", "private", ...), or null for a public one.</returns>
    public static string? NonPublicKind(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            return NonPublicKind(address.MapToIPv4());
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => OfIPv4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => OfIPv6(address),
            _ => "non-IP",
        };
    }

    private static string? OfIPv4(byte[] b) => b switch
    {
        [0, ..] => "unspecified",
        [10, ..] => "private",
        [100, >= 64 and <= 127, ..] => "shared (carrier-grade NAT)",
        [127, ..] => "loopback",
        [169, 254, ..] => "link-local",
        [172, >= 16 and <= 31, ..] => "private",
        [192, 0, 0, _] => "reserved",
        [192, 0, 2, _] or [198, 51, 100, _] or [203, 0, 113, _] => "documentation",
        [192, 168, ..] => "private",
        [198, 18 or 19, ..] => "benchmarking",
        [>= 224 and <= 239, ..] => "multicast",
        [>= 240, ..] => "reserved",
        _ => null,
    };

    private static string? OfIPv6(IPAddress address)
    {
        if (address.Equals(IPAddress.IPv6Loopback))
            return "loopback";
        if (address.Equals(IPAddress.IPv6Any))
            return "unspecified";
        var b = address.GetAddressBytes();
        return b switch
        {
            [0xfe, >= 0x80 and <= 0xbf, ..] => "link-local",
            [0xfe, >= 0xc0, ..] => "site-local",
            [>= 0xfc and <= 0xfd, ..] => "private",
            [0xff, ..] => "multicast",
            [0x20, 0x01, 0x0d, 0xb8, ..] => "documentation",
            // 64:ff9b::/96 (NAT64) and 2002::/16 (6to4) reach the IPv4 address they embed.
            [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0, ..] => OfIPv4(b[12..]),
            [0x20, 0x02, ..] => OfIPv4(b[2..6]),
            // ::/96, the deprecated IPv4-compatible form (and :: itself).
            [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ..] => "reserved",
            _ => null,
        };
    }
}
