package br.com.totem.report.dashboard;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

import br.com.totem.report.config.ReportProperties;
import reactor.core.publisher.Mono;

/**
 * A tenant's dashboard as JSON in Redis ({@code report:dashboard:<tenant>}) for a short TTL, dropped
 * by every event of the tenant. Redis failing is never an error: a read misses, a write or a drop is
 * skipped (the TTL bounds how stale an entry missed by a drop can be).
 */
@Component
public class DashboardCache {

    private static final Logger log = LoggerFactory.getLogger(DashboardCache.class);
    /** A Redis that does not answer within this is treated as absent. */
    static final Duration REDIS_TIMEOUT = Duration.ofMillis(500);

    private final ReactiveStringRedisTemplate redis;
    private final Duration ttl;

    DashboardCache(ReactiveStringRedisTemplate redis, ReportProperties properties) {
        this.redis = redis;
        this.ttl = properties.dashboardTtl();
    }

    static String key(String tenant) {
        return "report:dashboard:" + tenant;
    }

    Mono<String> get(String tenant) {
        return redis.opsForValue().get(key(tenant)).timeout(REDIS_TIMEOUT)
                .onErrorResume(e -> {
                    log.warn("dashboard cache unavailable ({}); reading the database", e.toString());
                    return Mono.empty();
                });
    }

    Mono<Void> put(String tenant, String json) {
        return redis.opsForValue().set(key(tenant), json, ttl).timeout(REDIS_TIMEOUT).then()
                .onErrorResume(e -> Mono.empty());
    }

    /** Drops the tenant's entry (after an event changed its numbers). */
    public Mono<Void> invalidate(String tenant) {
        return redis.delete(key(tenant)).timeout(REDIS_TIMEOUT).then()
                .onErrorResume(e -> {
                    log.debug("could not drop the dashboard of {}: {}", tenant, e.toString());
                    return Mono.empty();
                });
    }
}
