using System.Net;
using System.Net.Sockets;

namespace ProjectRegistry.Web.Infrastructure.Http;

/// <summary>
/// Who an anonymous limit counts: one key per IPv4 address and per IPv6 /64 (one household's or server's network,
/// where a client can pick a new address for every request), an IPv4 address written as IPv6 being that IPv4
/// address. Every per-client limit (sign-in, the public forms, uncached pages, file downloads) partitions by this
/// and nothing else, so that no limit can be spread over the 2^64 addresses of one network.
/// RemoteIpAddress is the real client's once UseForwardedHeaders ran (see <see cref="ReverseProxy"/>).
/// </summary>
public static class ClientKey
{
    public static string Of(HttpContext context) => Of(context.Connection.RemoteIpAddress);

    public static string Of(IPAddress? address)
    {
        if (address is null) return "okänd";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
