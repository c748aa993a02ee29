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
 * by every event of the tenant. Redis failing is never an error: a read misses, a write is skipped, and
 * after a failure Redis is left alone for {@link #REST} so that events and readers do not each wait for it.
 * A drop that could not be made is remembered and made by the next call that reaches Redis again, before
 * anything is read: the entry cached before the outage would otherwise come back with old numbers.
 */
@Component
public class DashboardCache {

    private static final Logger log = LoggerFactory.getLogger(DashboardCache.class);
    /** A Redis that does not answer within this is treated as absent. */
    static final Duration REDIS_TIMEOUT = Duration.ofMillis(500);
    static final Duration REST = Duration.ofSeconds(5);

    private volatile long restUntilNanos = System.nanoTime();
    /** Tenants whose entry could not be dropped while Redis was away. */
    private final java.util.Set<String> missedDrops = java.util.concurrent.ConcurrentHashMap.newKeySet();

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
        return guarded(Mono.defer(() -> dropMissed().then(redis.opsForValue().get(key(tenant)))));
    }

    Mono<Void> put(String tenant, String json) {
        return guarded(Mono.defer(() -> dropMissed().then(redis.opsForValue().set(key(tenant), json, ttl)))).then();
    }

    /** Drops the tenant's entry (after an event changed its numbers). */
    public Mono<Void> invalidate(String tenant) {
        missedDrops.add(tenant);
        return guarded(Mono.defer(this::dropMissed));
    }

    /** Drops every entry whose drop is pending (the tenant just invalidated, and any missed during an outage). */
    private Mono<Void> dropMissed() {
        if (missedDrops.isEmpty()) {
            return Mono.empty();
        }
        java.util.List<String> tenants = java.util.List.copyOf(missedDrops);
        return redis.delete(reactor.core.publisher.Flux.fromIterable(tenants).map(DashboardCache::key))
                .doOnSuccess(n -> tenants.forEach(missedDrops::remove))
                .then();
    }

    private <T> Mono<T> guarded(Mono<T> call) {
        if (System.nanoTime() - restUntilNanos < 0) {
            return Mono.empty();
        }
        return call.timeout(REDIS_TIMEOUT).onErrorResume(e -> {
            restUntilNanos = System.nanoTime() + REST.toNanos();
            log.warn("dashboard cache unavailable ({}); the database answers for {}", e.toString(), REST);
            return Mono.empty();
        });
    }
}
