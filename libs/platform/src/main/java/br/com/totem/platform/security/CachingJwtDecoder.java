package br.com.totem.platform.security;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import reactor.core.publisher.Mono;

/**
 * Remembers tokens already verified until they expire. A kiosk or tablet sends the same
 * token for 15 minutes, and an RS256 check per request was the gateway's largest cost
 * (docs/benchmarks.md). The key is the whole token string, signature included, so a changed
 * token is verified afresh; an entry is used only before its {@code exp}. Bounded: when
 * full, expired entries go, and if none had expired, all of them (they are re-verified).
 */
public class CachingJwtDecoder implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder delegate;
    private final int maxEntries;
    private final Clock clock;
    private final ConcurrentHashMap<String, Jwt> verified = new ConcurrentHashMap<>();

    public CachingJwtDecoder(ReactiveJwtDecoder delegate, int maxEntries) {
        this(delegate, maxEntries, Clock.systemUTC());
    }

    CachingJwtDecoder(ReactiveJwtDecoder delegate, int maxEntries, Clock clock) {
        this.delegate = delegate;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt known = verified.get(token);
        if (known != null) {
            if (known.getExpiresAt().isAfter(clock.instant())) {
                return Mono.just(known);
            }
            verified.remove(token);
        }
        return delegate.decode(token).doOnNext(jwt -> {
            if (jwt.getExpiresAt() == null) {
                return; // never cache a token that does not expire
            }
            if (verified.size() >= maxEntries) {
                Instant now = clock.instant();
                verified.values().removeIf(j -> !j.getExpiresAt().isAfter(now));
                if (verified.size() >= maxEntries) {
                    verified.clear();
                }
            }
            verified.put(token, jwt);
        });
    }

    int size() {
        return verified.size();
    }
}
