package br.com.totem.platform.ratelimit;

import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The address a request comes from, for limits keyed by client (issue 12 item 7): the TCP peer,
 * or — only when that peer is one of the configured trusted proxies — the right-most address in
 * {@code X-Forwarded-For} that no trusted proxy added. A client's own {@code X-Forwarded-For} is
 * therefore never believed: behind a proxy nobody can pick another client's key, and without one
 * nobody can pick a key at all. Addresses are compared as IP literals, never looked up in DNS.
 */
public final class ClientAddresses {

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final List<Cidr> trustedProxies;

    /** {@code trustedProxies}: addresses or CIDR ranges ({@code 10.0.0.0/8}, {@code ::1}); blank entries ignored. */
    public ClientAddresses(Collection<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().map(String::trim).filter(s -> !s.isEmpty()).map(Cidr::parse).toList();
    }

    /** The client's address as described above ("unknown" when the server does not know the peer). */
    public String of(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        String peer = remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
        String forwarded = request.getHeaders().getFirst("X-Forwarded-For");
        if (forwarded == null || !trusted(peer)) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!hop.isEmpty() && (i == 0 || !trusted(hop))) {
                return hop.length() > 64 ? hop.substring(0, 64) : hop;
            }
        }
        return peer;
    }

    boolean trusted(String address) {
        if (!IP_LITERAL.matcher(address).matches()) {
            return false; // never a DNS lookup for a name someone wrote into a header
        }
        byte[] bytes;
        try {
            bytes = java.net.InetAddress.ofLiteral(address).getAddress();
        } catch (IllegalArgumentException notAnAddress) {
            return false;
        }
        for (Cidr range : trustedProxies) {
            if (range.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    /**
     * An address or a CIDR range. Our own few lines: Spring Security's {@code IpAddressMatcher} is a
     * servlet {@code RequestMatcher}, not on a WebFlux path.
     */
    record Cidr(byte[] network, int prefix) {
        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            byte[] network = java.net.InetAddress.ofLiteral(slash < 0 ? text : text.substring(0, slash)).getAddress();
            int prefix = slash < 0 ? network.length * 8 : Integer.parseInt(text.substring(slash + 1));
            if (prefix < 0 || prefix > network.length * 8) {
                throw new IllegalArgumentException("invalid trusted proxy range " + text);
            }
            return new Cidr(network, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
