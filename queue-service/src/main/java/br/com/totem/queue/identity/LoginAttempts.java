package br.com.totem.queue.identity;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

import br.com.totem.platform.problem.ProblemException;
import br.com.totem.platform.problem.ProblemTypes;
import br.com.totem.queue.config.QueueProperties;
import reactor.core.publisher.Mono;

/**
 * queue-service's own limit on login and device-token attempts: N a minute per (tenant, name,
 * client address), counted before the secret is checked, whatever the outcome. The gateway
 * limits {@code /api/v1/auth/**} per address too; this one also holds for a request that reaches
 * the service by another route. A fixed one-minute window in Redis (one atomic script: shared by
 * every instance); when Redis fails, a window per instance in memory, so logins are never left
 * unlimited. The client address is the TCP peer, or the address a trusted proxy (the gateway)
 * names in {@code X-Forwarded-For}.
 */
@Component
public class LoginAttempts {

    private static final Logger log = LoggerFactory.getLogger(LoginAttempts.class);
    static final Duration WINDOW = Duration.ofMinutes(1);
    private static final int LOCAL_MAX_KEYS = 100_000;
    private static final java.util.regex.Pattern IP_LITERAL = java.util.regex.Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    /** Counts one attempt in the key's window; returns {count, milliseconds left in the window}. */
    private static final RedisScript<List> COUNT = RedisScript.of("""
            local n = redis.call('INCR', KEYS[1])
            if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            local ttl = redis.call('PTTL', KEYS[1])
            if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
            return {n, ttl}
            """, List.class);

    private final ReactiveStringRedisTemplate redis;
    private final Clock clock;
    private final int perMinute;
    private final String prefix;
    private final List<Cidr> trustedProxies;
    private final Map<String, long[]> local = new ConcurrentHashMap<>();

    public LoginAttempts(ReactiveStringRedisTemplate redis, Clock clock, QueueProperties properties) {
        this.redis = redis;
        this.clock = clock;
        this.perMinute = properties.identity().attemptsPerMinute();
        this.prefix = properties.identity().attemptsRedisPrefix() + ":";
        this.trustedProxies = properties.identity().trustedProxies().stream().map(String::trim).filter(s -> !s.isEmpty())
                .map(Cidr::parse).toList();
    }

    /** Completes when the attempt may go on; a 429 problem with Retry-After when the window is full. */
    public Mono<Void> check(String tenant, String name, ServerHttpRequest request) {
        String key = prefix + normalise(tenant) + ":" + normalise(name) + ":" + clientAddress(request);
        return redis.execute(COUNT, List.of(key), List.of(String.valueOf(WINDOW.toMillis())))
                .next()
                .map(reply -> new long[] {((Number) reply.get(0)).longValue(), ((Number) reply.get(1)).longValue()})
                .onErrorResume(e -> {
                    log.warn("login attempts counted in memory (Redis failed: {})", e.toString());
                    return Mono.just(countLocally(key));
                })
                .flatMap(counted -> counted[0] <= perMinute ? Mono.<Void>empty() : Mono.error(tooMany(counted[1])));
    }

    private long[] countLocally(String key) {
        long now = clock.millis();
        if (local.size() > LOCAL_MAX_KEYS) {
            local.values().removeIf(w -> w[0] + WINDOW.toMillis() <= now);
        }
        long[] window = local.compute(key, (k, w) -> w == null || w[0] + WINDOW.toMillis() <= now
                ? new long[] {now, 1} : new long[] {w[0], w[1] + 1});
        return new long[] {window[1], window[0] + WINDOW.toMillis() - now};
    }

    private static ProblemException tooMany(long millisLeft) {
        long seconds = Math.max(1, (millisLeft + 999) / 1000);
        return new ProblemException(HttpStatus.TOO_MANY_REQUESTS, ProblemTypes.TOO_MANY_REQUESTS, "Too many login attempts",
                "Muitas tentativas de entrada. Tente novamente em " + seconds + " segundo(s)", Map.of("retryAfterSeconds", seconds));
    }

    /** The TCP peer, or the client a trusted proxy names (the right-most address it did not add itself). */
    String clientAddress(ServerHttpRequest request) {
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

    private boolean trusted(String address) {
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
     * An address or a CIDR range ({@code 10.0.0.0/8}, {@code ::1}). Our own few lines: Spring
     * Security's {@code IpAddressMatcher} is a servlet {@code RequestMatcher}, not on a WebFlux path.
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

    private static String normalise(String s) {
        return s == null ? "" : s.trim().toLowerCase(java.util.Locale.ROOT);
    }
}
