package br.com.totem.queue.identity;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

import br.com.totem.platform.problem.ProblemException;
import br.com.totem.platform.problem.ProblemTypes;
import br.com.totem.platform.ratelimit.ClientAddresses;
import br.com.totem.platform.ratelimit.LocalWindowLimiter;
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

    /** Counts one attempt in the key's window; returns {count, milliseconds left in the window}. */
    private static final RedisScript<List> COUNT = RedisScript.of("""
            local n = redis.call('INCR', KEYS[1])
            if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            local ttl = redis.call('PTTL', KEYS[1])
            if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
            return {n, ttl}
            """, List.class);

    private final ReactiveStringRedisTemplate redis;
    private final int perMinute;
    private final String prefix;
    private final ClientAddresses clients;
    private final LocalWindowLimiter local;

    public LoginAttempts(ReactiveStringRedisTemplate redis, Clock clock, QueueProperties properties) {
        this.redis = redis;
        this.perMinute = properties.identity().attemptsPerMinute();
        this.local = new LocalWindowLimiter(clock, WINDOW, LOCAL_MAX_KEYS);
        this.prefix = properties.identity().attemptsRedisPrefix() + ":";
        this.clients = new ClientAddresses(properties.identity().trustedProxies());
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
        LocalWindowLimiter.Count c = local.count(key);
        return new long[] {c.count(), c.millisLeft()};
    }

    private static ProblemException tooMany(long millisLeft) {
        long seconds = Math.max(1, (millisLeft + 999) / 1000);
        return new ProblemException(HttpStatus.TOO_MANY_REQUESTS, ProblemTypes.TOO_MANY_REQUESTS, "Too many login attempts",
                "Muitas tentativas de entrada. Tente novamente em " + seconds + " segundo(s)", Map.of("retryAfterSeconds", seconds));
    }

    /** The TCP peer, or the client a trusted proxy names (the right-most address it did not add itself). */
    public String clientAddress(ServerHttpRequest request) {
        return clients.of(request);
    }

    private static String normalise(String s) {
        return s == null ? "" : s.trim().toLowerCase(java.util.Locale.ROOT);
    }
}
