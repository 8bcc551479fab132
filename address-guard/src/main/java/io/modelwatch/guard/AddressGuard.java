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
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 100 && second >= 64 && second <= 127) {
                return "carrier-grade NAT";
            }
            if (first == 0 || first >= 240) {
                return "reserved";
            }
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return "private (unique local)";
            }
            // IPv4-mapped ::ffff:a.b.c.d: judge the IPv4 address
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return internal(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return "malformed";
                }
            }
        }
        return null;
    }

    public static class RefusedAddressException extends RuntimeException {
        public RefusedAddressException(String message) {
            super(message);
        }
    }
}
