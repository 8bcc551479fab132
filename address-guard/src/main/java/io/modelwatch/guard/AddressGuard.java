package io.modelwatch.guard;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses URLs that would make a service reach into its own network (SSRF): ingest's feeds, digest's webhooks: loopback, private (RFC 1918,
 * IPv6 unique-local), link-local (which holds the cloud metadata endpoint 169.254.169.254), carrier-grade NAT,
 * unspecified and multicast addresses, and metadata host names. Every address a host name resolves to must be
 * public, unless it is on the allow-list of the configuration (exact IP addresses, such as 127.0.0.1 in tests).
 * Checked on registration and before every request, redirects included. {@link #check} returns the address it
 * checked: a caller that connects to that address (ingest's FeedFetcher) rather than resolving the name again leaves
 * no DNS-rebinding window.
 */
public final class AddressGuard {

    private static final Set<String> METADATA_HOSTS = Set.of("metadata.google.internal", "metadata", "instance-data");

    /** Resolves a host name to its addresses (the system resolver; tests give their own). */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final Set<String> allowed;
    private final String subject;
    private final String verb;
    private final String setting;
    private final Resolver resolver;

    /**
     * @param subject what is reached, for the messages ("feeds")
     * @param verb how it is reached ("fetched")
     * @param setting the configuration key of the allow-list, named in the refusal
     */
    public AddressGuard(List<String> allowedAddresses, String subject, String verb, String setting) {
        this(allowedAddresses, subject, verb, setting, InetAddress::getAllByName);
    }

    public AddressGuard(List<String> allowedAddresses, String subject, String verb, String setting, Resolver resolver) {
        this.allowed = Set.copyOf(allowedAddresses);
        this.subject = subject;
        this.verb = verb;
        this.setting = setting;
        this.resolver = resolver;
    }

    /**
     * Resolves the URL's host once and checks every address it has.
     *
     * @return the address to connect to: the caller must connect to this one, not resolve the name again (DNS rebinding)
     * @throws RefusedAddressException with the reason when the URL must not be fetched
     */
    public InetAddress check(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RefusedAddressException("only http and https " + subject + " are " + verb + ", not '" + url + "'");
        }
        String host = url.getHost();
        if (host == null || host.isBlank()) {
            throw new RefusedAddressException("'" + url + "' has no host");
        }
        if (METADATA_HOSTS.contains(host.toLowerCase(Locale.ROOT))) {
            throw new RefusedAddressException(host + " is a cloud metadata host");
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new RefusedAddressException("the host " + host + " is unknown");
        }
        for (InetAddress address : addresses) {
            String reason = internal(address);
            if (reason != null && !allowed.contains(address.getHostAddress())) {
                throw new RefusedAddressException(host + " is " + address.getHostAddress() + ", a " + reason
                        + " address; " + subject + " are " + verb + " from public addresses only (see " + setting + ")");
            }
        }
        if (addresses.length == 0) {
            throw new RefusedAddressException("the host " + host + " has no address");
        }
        return addresses[0];
    }

    /** Why the address is not public, or null when it is. */
    static String internal(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return "loopback";
        }
        if (address.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (address.isLinkLocalAddress()) {
            return "link-local (metadata)";
        }
        if (address.isSiteLocalAddress()) {
            return "private";
        }
        if (address.isMulticastAddress()) {
            return "multicast";
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return reservedIpv4(b);
        }
        if (address instanceof Inet6Address) {
            return internalIpv6(b);
        }
        return null;
    }

    /** IPv4 ranges that are not the public internet beyond those InetAddress names (RFC 6890). */
    private static String reservedIpv4(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        int third = b[2] & 0xff;
        if (first == 100 && second >= 64 && second <= 127) {
            return "carrier-grade NAT";
        }
        if (first == 0 || first >= 240) {
            return "reserved";
        }
        if (first == 192 && second == 0 && (third == 0 || third == 2)) {
            return "reserved (IETF protocol or documentation)";
        }
        if (first == 192 && second == 88 && third == 99) {
            return "reserved (6to4 relay)";
        }
        if (first == 198 && (second == 18 || second == 19)) {
            return "reserved (benchmarking)";
        }
        if ((first == 198 && second == 51 && third == 100) || (first == 203 && second == 0 && third == 113)) {
            return "reserved (documentation)";
        }
        return null;
    }

    /**
     * IPv6: unique-local and the reserved ranges, and every form that embeds an IPv4 address, judged by that address:
     * IPv4-compatible ::a.b.c.d, IPv4-mapped ::ffff:a.b.c.d, IPv4-translated ::ffff:0:a.b.c.d, NAT64 64:ff9b::/96 (and
     * the local-use 64:ff9b:1::/48, refused whole), 6to4 2002::/16 and Teredo 2001::/32 (server and client addresses).
     */
    private static String internalIpv6(byte[] b) {
        int w0 = word(b, 0);
        int w1 = word(b, 2);
        if ((b[0] & 0xfe) == 0xfc) {
            return "private (unique local)";
        }
        if (zero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return embedded(b, 12, false, "IPv4-mapped");
        }
        if (zero(b, 0, 8) && (b[8] & 0xff) == 0xff && (b[9] & 0xff) == 0xff && zero(b, 10, 12)) {
            return embedded(b, 12, false, "IPv4-translated");
        }
        if (zero(b, 0, 12)) {
            return embedded(b, 12, false, "IPv4-compatible");
        }
        if (w0 == 0x0064 && w1 == 0xff9b) {
            if (zero(b, 4, 12)) {
                return embedded(b, 12, false, "NAT64");
            }
            return "NAT64 (local use)";
        }
        if (w0 == 0x0064 && w1 == 0xff9a) {
            return "NAT64 (local use)";
        }
        if (w0 == 0x2002) {
            return embedded(b, 2, false, "6to4");
        }
        if (w0 == 0x2001 && w1 == 0x0000) {
            String server = embedded(b, 4, false, "Teredo server");
            return server != null ? server : embedded(b, 12, true, "Teredo client");
        }
        if ((w0 == 0x2001 && w1 == 0x0db8) || w0 == 0x3ffe) {
            return "reserved (documentation)";
        }
        if (w0 == 0x0100 && zero(b, 2, 8)) {
            return "reserved (discard)";
        }
        if (w0 == 0x2001 && (w1 & 0xfff0) == 0x0010 || w0 == 0x2001 && (w1 & 0xfff0) == 0x0020 || w0 == 0x2001 && w1 == 0x0002) {
            return "reserved (ORCHID or benchmarking)";
        }
        if ((w0 & 0xffc0) == 0xfec0) {
            return "private (site local)";
        }
        return null;
    }

    /** The IPv4 address at {@code from} judged (XOR-ed with 0xff for Teredo's client), in the words of its form. */
    private static String embedded(byte[] b, int from, boolean inverted, String form) {
        byte[] v4 = new byte[4];
        for (int i = 0; i < 4; i++) {
            v4[i] = (byte) (inverted ? ~b[from + i] : b[from + i]);
        }
        try {
            String reason = internal(InetAddress.getByAddress(v4));
            return reason == null ? null : reason + " (as " + form + " IPv6)";
        } catch (UnknownHostException e) {
            return "malformed";
        }
    }

    private static int word(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    private static boolean zero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    public static class RefusedAddressException extends RuntimeException {
        public RefusedAddressException(String message) {
            super(message);
        }
    }
}
